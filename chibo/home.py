"""Where a login lands: "Việc cần làm", the next steps of the person's role, each a link to the page
where it is done.

It reads every app (the next meeting and its preparation, the minutes, the review sheet, the cell's tasks,
the supervision findings), so it sits in the top package, above the apps (ARCHITECTURE.md). Each section is
one query with a limit (and the total in a window count), so the page costs the same with 1 row or 300.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, Q, Value, When, Window
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from assignments.models import Task
from dues.selectors import remittance_due
from evaluations.models import MonthlyReview
from meetings.models import AgendaItem, GuidingDocument, Meeting
from meetings.models import Section as AgendaSection
from meetings.selectors import checklist
from members.models import Member
from members.permissions import acting_officer, member_of
from supervision.models import SupervisionItem, SupervisionPlan, quarter_bounds

SHOWN = 8  # lines of a list before "see all"
RECENT_DAYS = 92  # held meetings still waiting for their minutes or resolution: the last three months


@dataclass
class Line:
    """One next step: what to do, the page where it is done, and when."""

    text: str
    url: str
    when: date | None = None
    warning: str = ""  # why it is urgent (late, overdue), shown as a badge
    done: bool = False  # a preparation step already done: shown for reference, not as a task
    note: str = ""


@dataclass
class Section:
    title: str
    lines: list[Line] = field(default_factory=list)
    total: int = 0  # rows in all, when the list is cut at SHOWN
    more_url: str = ""
    more_label: str = ""
    empty: str = ""
    meeting: Meeting | None = None  # the next meeting, for its heading
    days_left: int | None = None  # days until it (0: today), counted by ``sections_for``
    agenda: list = field(default_factory=list)
    documents: list = field(default_factory=list)


def _month_after(month: date) -> date:
    return (month.replace(day=28) + timedelta(days=4)).replace(day=1)


def _total(rows: list) -> int:
    return rows[0].total if rows else 0


# The next meeting ------------------------------------------------------------------------------


def next_meeting(member: Member) -> Meeting | None:
    """The cell's first meeting not yet held; members see it once its agenda is published."""
    statuses = [Meeting.Status.PUBLISHED] + ([Meeting.Status.DRAFT] if member.may_prepare else [])
    return (
        Meeting.objects.filter(cell_id=member.cell_id, status__in=statuses)
        .select_related("prepared_by")
        .order_by("date", "pk")
        .first()
    )


def preparation(meeting: Meeting | None, review: MonthlyReview | None, today: date) -> Section:
    """The next meeting's HD 42 preparation steps with their dates, each linked to where it is recorded."""
    if meeting is None:
        month = _month_after(today.replace(day=1)) if today.day > 15 else today.replace(day=1)
        text = _("Prepare the regular meeting of %(month)s") % {"month": month.strftime("%m/%Y")}
        return Section(_("Next meeting"), [Line(text, reverse("meetings:list") + "#prepare-title")])
    edit = reverse("meetings:edit", args=[meeting.pk])
    lines = []
    keys = ("prepared_by", "content_agreed_on", "notified_on", "handbook_posted_on")  # the steps before it
    for key, step in zip(keys, checklist(meeting)[: len(keys)], strict=True):
        done = bool(meeting.prepared_by_id) if key == "prepared_by" else step.done_on is not None
        note = meeting.prepared_by.full_name if key == "prepared_by" and meeting.prepared_by_id else ""
        lines.append(Line(step.label, f"{edit}#id_{key}", step.done_on, step.warning, done, note))
    if meeting.kind == Meeting.Kind.REGULAR:
        lines.append(_review_step(meeting, review, today))
    if meeting.status == Meeting.Status.DRAFT:
        lines.append(Line(_("Publish the agenda"), meeting.get_absolute_url()))
    return Section(_("Next meeting"), lines, meeting=meeting)


def _review_step(meeting: Meeting, review: MonthlyReview | None, today: date) -> Line:
    label = _("Review sheet of %(month)s confirmed") % {"month": meeting.month.strftime("%m/%Y")}
    if review is None:
        return Line(label, reverse("evaluations:reviews"), warning=_("Not opened yet."))
    url = reverse("evaluations:review", args=[review.month.year, review.month.month])
    if review.is_confirmed:
        return Line(label, url, review.confirmed_at and timezone.localtime(review.confirmed_at).date(), done=True)
    warning = _("Submitted, waiting for confirmation.") if review.status == MonthlyReview.Status.SUBMITTED else ""
    if not warning and today >= meeting.date - timedelta(days=1):
        warning = _("Not confirmed, and the meeting is less than one day away.")
    return Line(label, url, warning=warning or _("Being filled in by the committee."))


def agenda_for(meeting: Meeting) -> tuple[list[AgendaItem], list[GuidingDocument]]:
    """The published agenda's content items (the opening and closing procedure is on the meeting's page)
    and the documents to read before the meeting (two queries)."""
    items = list(
        meeting.items.filter(section=AgendaSection.CONTENT).select_related("presenter").order_by("position", "pk")
    )
    documents = list(GuidingDocument.objects.filter(agenda_items__meeting=meeting).distinct().order_by("number"))
    return items, documents


# Lists -----------------------------------------------------------------------------------------


def _task_line(task: Task, today: date, with_owner: bool) -> Line:
    text = f"{task.title} — {task.assignee.full_name}" if with_owner else task.title
    if task.is_open and task.due_date < today:
        warning = _("Overdue")
    elif task.is_open and task.due_date <= today + timedelta(days=task.cell.task_due_soon_days):
        warning = _("Due soon")
    else:
        warning = ""
    return Line(text, task.get_absolute_url(), task.due_date, warning)


def my_tasks(member: Member, today: date) -> Section:
    """The person's open tasks, overdue and due soon first (by due date)."""
    rows = list(
        Task.objects.filter(assignee=member, state=Task.State.OPEN)
        .select_related("assignee")
        .annotate(total=Window(Count("pk")))
        .order_by("due_date", "pk")[:SHOWN]
    )
    for task in rows:
        task.cell = member.cell
    return Section(
        _("My tasks"),
        [_task_line(t, today, with_owner=False) for t in rows],
        _total(rows),
        reverse("assignments:mine"),
        _("All my tasks"),
        _("No open task."),
    )


def overdue_of_cell(member: Member, today: date) -> Section:
    rows = list(
        Task.objects.filter(cell_id=member.cell_id)
        .overdue(today)
        .select_related("assignee")
        .annotate(total=Window(Count("pk")))
        .order_by("due_date", "pk")[:SHOWN]
    )
    for task in rows:
        task.cell = member.cell
    return Section(
        _("Overdue tasks of the cell"),
        [_task_line(t, today, with_owner=True) for t in rows],
        _total(rows),
        reverse("assignments:overview"),
        _("Cell's tasks"),
        _("No task is overdue."),
    )


def to_assess(member: Member) -> Section:
    """Finished tasks of the cell the committee has not assessed yet; the ones the person assigned first."""
    rows = list(
        Task.objects.filter(cell_id=member.cell_id, assessed_level__isnull=True)
        .exclude(state=Task.State.OPEN)
        .select_related("assignee")
        .annotate(total=Window(Count("pk")))
        .order_by(Case(When(assigned_by=member, then=Value(0)), default=Value(1)), "-done_on", "pk")[:SHOWN]
    )
    lines = [
        Line(f"{t.title} — {t.assignee.full_name}", f"{t.get_absolute_url()}#assess-title", t.done_on) for t in rows
    ]
    return Section(
        _("Tasks to assess"),
        lines,
        _total(rows),
        reverse("assignments:overview"),
        _("Cell's tasks"),
        _("No finished task waits for an assessment."),
    )


def findings_due(member: Member, today: date, *, own: bool) -> Section:
    """Supervision findings not yet recorded whose report is due by the end of this quarter: the cell's
    for the secretary, the person's own (as the supervising committee member) otherwise."""
    _start, end = quarter_bounds(today.year, (today.month - 1) // 3 + 1)
    rows = SupervisionItem.objects.filter(
        plan__cell_id=member.cell_id,
        plan__status__in=[SupervisionPlan.Status.APPROVED, SupervisionPlan.Status.IN_PROGRESS],
        findings_on__isnull=True,
        report_due__lte=end,
    )
    if own:
        rows = rows.filter(supervisor=member)
    rows = list(
        rows.select_related("member", "supervisor")
        .annotate(total=Window(Count("pk")))
        .order_by("report_due", "pk")[:SHOWN]
    )
    lines = []
    for item in rows:
        text = (
            _("Findings on %(member)s") % {"member": item.member.full_name}
            if own
            else _("Findings on %(member)s, by %(supervisor)s")
            % {"member": item.member.full_name, "supervisor": item.supervisor.full_name}
        )
        late = _("Overdue") if item.report_due < today else ""
        lines.append(Line(text, reverse("supervision:findings", args=[item.pk]), item.report_due, late))
    return Section(
        _("Supervision findings I owe") if own else _("Supervision findings due this quarter"),
        lines,
        _total(rows),
        reverse("supervision:plans"),
        _("Supervision plans"),
        _("No finding is due this quarter."),
    )


def reviews_open(member: Member, month: date) -> tuple[list[MonthlyReview], MonthlyReview | None]:
    """Review sheets not yet confirmed, and the sheet of ``month`` (the next meeting's), in one query."""
    rows = list(
        MonthlyReview.objects.filter(cell_id=member.cell_id)
        .filter(Q(month=month) | ~Q(status=MonthlyReview.Status.CONFIRMED))
        .order_by("-month")[:4]
    )
    return [r for r in rows if not r.is_confirmed], next((r for r in rows if r.month == month), None)


def review_lines(reviews: list[MonthlyReview], current: MonthlyReview | None, month: date, *, manager: bool):
    lines = []
    for review in reviews:
        url = reverse("evaluations:review", args=[review.month.year, review.month.month])
        name = review.month.strftime("%m/%Y")
        late = _("Overdue") if review.month < month else ""  # an earlier month's sheet, its meeting long past
        if review.status == MonthlyReview.Status.SUBMITTED:
            if manager:
                lines.append(Line(_("Confirm the review sheet of %(month)s") % {"month": name}, url, warning=late))
            else:
                lines.append(
                    Line(_("Review sheet of %(month)s sent to the secretary") % {"month": name}, url, done=True)
                )
        else:
            lines.append(Line(_("Fill in and send the review sheet of %(month)s") % {"month": name}, url, warning=late))
    if current is None:
        text = _("Open the review sheet of %(month)s") % {"month": month.strftime("%m/%Y")}
        lines.insert(0, Line(text, reverse("evaluations:reviews")))
    return lines


def meetings_after(member: Member) -> Section:
    """Meetings of the last three months whose minutes wait for approval, or (a regular meeting) whose
    resolution is not yet posted and reported."""
    today = timezone.localdate()
    rows = list(
        Meeting.objects.filter(
            cell_id=member.cell_id,
            status__in=[Meeting.Status.HELD, Meeting.Status.APPROVED],
            date__gte=today - timedelta(days=RECENT_DAYS),
        )
        .filter(Q(status=Meeting.Status.HELD) | Q(kind=Meeting.Kind.REGULAR, resolution_posted_on__isnull=True))
        .annotate(total=Window(Count("pk")))
        .order_by("-date", "-pk")[:SHOWN]
    )
    lines = []
    for meeting in rows:
        late = _("more than two days after the meeting") if today > meeting.date + timedelta(days=2) else ""
        if meeting.status == Meeting.Status.HELD:
            text = _("Approve the minutes of %(meeting)s") % {"meeting": meeting}
            lines.append(Line(text, reverse("meetings:minutes", args=[meeting.pk]), meeting.date, late))
        if meeting.kind == Meeting.Kind.REGULAR and meeting.resolution_posted_on is None:
            text = _("Post and report the resolution of %(meeting)s") % {"meeting": meeting}
            where = reverse("meetings:detail", args=[meeting.pk]) + "#resolution-posted"
            lines.append(Line(text, where, meeting.date, late))
    return Section(
        _("After the meeting"),
        lines,
        _total(rows),
        reverse("meetings:list"),
        _("All meetings"),
        _("Every held meeting has approved minutes and a posted resolution."),
    )


def dues_section(member: Member, today: date) -> Section | None:
    """For those who keep the cell's dues: last month's remittance to the superior committee, until recorded."""
    month = remittance_due(member, today)
    if month is None:
        return None
    text = _("Record the remittance of the party dues of %(month)s") % {"month": month.strftime("%m/%Y")}
    return Section(_("Party dues"), [Line(text, reverse("dues:month", args=[month.year, month.month]))], 1)


# The page --------------------------------------------------------------------------------------


def sections_for(member: Member, today: date) -> list[Section]:
    """What the person's role has to do next, most pressing first."""
    meeting = next_meeting(member)
    if not member.may_prepare:
        section = Section(_("Next meeting"), meeting=meeting, empty=_("No meeting has been announced yet."))
        if meeting is not None:
            section.agenda, section.documents = agenda_for(meeting)
        return [my_tasks(member, today), section]
    month = meeting.month if meeting is not None and meeting.kind == Meeting.Kind.REGULAR else today.replace(day=1)
    reviews, current = reviews_open(member, month)
    if member.may_manage:
        prepare = preparation(meeting, current, today)
        review = Section(_("Review sheets"), review_lines(reviews, current, month, manager=True))
        review.empty = _("Every review sheet is confirmed.")
        sections = [
            prepare,
            meetings_after(member),
            review,
            dues_section(member, today),
            overdue_of_cell(member, today),
            findings_due(member, today, own=False),
            my_tasks(member, today),
        ]
        return [section for section in sections if section is not None]
    review = Section(_("Review sheets"), review_lines(reviews, current, month, manager=False))
    review.empty = _("Every review sheet is confirmed.")
    upcoming = Section(_("Next meeting"), meeting=meeting, empty=_("No meeting has been announced yet."))
    sections = [
        review,
        findings_due(member, today, own=True),
        to_assess(member),
        dues_section(member, today),
        my_tasks(member, today),
        upcoming,
    ]
    return [section for section in sections if section is not None]


def with_days_left(sections: list[Section], today: date) -> list[Section]:
    """The next meeting's heading says how many days are left: the preparation steps have that long."""
    for section in sections:
        if section.meeting is not None and section.meeting.date and section.meeting.date >= today:
            section.days_left = (section.meeting.date - today).days
    return sections


@login_required
def home(request):
    """Việc cần làm: the next steps of the person's role; a superuser without a cell goes to the admin."""
    member = member_of(request.user)
    if member is None and acting_officer(request.user) is not None:  # the đảng ủy: its cells' overview
        return redirect("superior:overview")
    if member is None and request.user.is_superuser:
        return redirect("admin:index")
    if member is None or not member.is_active:
        raise PermissionDenied(_("Your login is not linked to an active member of a cell."))
    request.member = member
    today = timezone.localdate()
    sections = with_days_left(sections_for(member, today), today)
    return render(request, "home.html", {"sections": sections, "today": today})
