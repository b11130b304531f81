"""Reads of the evaluations app, each shaped so a template never triggers a query."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import partial
from typing import TYPE_CHECKING

from django.apps import apps
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext

from assignments.models import Task
from core.prepared import Prepared
from evaluations.models import (
    Announcement,
    Classification,
    Commendation,
    MonthlyReview,
    Proposal,
    RatingLevel,
    ReviewRow,
    Violation,
)
from members.models import Cell, Member

if TYPE_CHECKING:  # meetings sits above this app: it is named here, never imported at run time
    from meetings.models import Meeting


def previous_rows(review: MonthlyReview) -> dict[int, ReviewRow]:
    """Last month's line of each member, to show beside this month's."""
    before = (review.month - timedelta(days=1)).replace(day=1)
    rows = ReviewRow.objects.filter(review__cell=review.cell, review__month=before).select_related("grade")
    return {row.member_id: row for row in rows}


def confirmed_proposals(meeting: Meeting) -> list[ReviewRow]:
    """The praise, reminders and criticism of the confirmed reviews routed to the meeting (``review.meeting``,
    set at confirmation): its month's sheet, and a sheet confirmed after its own month's meeting was held.
    A sheet confirmed before any meeting of its month was prepared goes to that meeting once it exists."""
    waiting = meeting.kind == "regular" and meeting.status in ("draft", "published")
    return _proposals[waiting](meeting=meeting.pk, cell=meeting.cell_id, month=meeting.month)


def _proposals_to(meeting: int, cell: int, month: date | None = None, *, waiting: bool):
    to_this = Q(review__meeting_id=meeting)
    if waiting:
        to_this |= Q(review__meeting__isnull=True, review__month=month)
    return (
        ReviewRow.objects.filter(to_this, review__cell_id=cell, review__status=MonthlyReview.Status.CONFIRMED)
        .exclude(proposal=Proposal.NONE)
        .select_related("member", "review")
        .order_by("proposal", "member__full_name", "review__month")
    )


_proposals = {  # the agenda editor asks on every view: compiled once per worker (core.prepared)
    True: Prepared(partial(_proposals_to, waiting=True), meeting=-7_300_001, cell=-7_300_002, month=date(1901, 1, 4)),
    False: Prepared(partial(_proposals_to, waiting=False), meeting=-7_300_003, cell=-7_300_004),
}


def review_meetings(review: MonthlyReview) -> tuple[Meeting | None, Meeting | None]:
    """The regular meeting of the sheet's month (or None), and the meeting its proposals go to: the one
    chosen at confirmation, or for a sheet not yet confirmed the first regular meeting not yet held from its
    month on (None when none is prepared). One query."""
    Meeting = apps.get_model("meetings", "Meeting")  # named by its label, as the lazy foreign keys do
    not_held = [Meeting.Status.DRAFT, Meeting.Status.PUBLISHED]
    wanted = Q(month=review.month) | Q(status__in=not_held, month__gt=review.month)
    if review.meeting_id:
        wanted |= Q(pk=review.meeting_id)
    meetings = list(
        Meeting.objects.filter(wanted, cell_id=review.cell_id, kind=Meeting.Kind.REGULAR).order_by("month")[:3]
    )
    own = next((m for m in meetings if m.month == review.month), None)
    if review.is_confirmed:
        target = next((m for m in meetings if m.pk == review.meeting_id), None)
        if target is None and review.meeting_id is None and own is not None and own.status in not_held:
            target = own  # confirmed before its meeting was prepared: the meeting takes it (confirmed_proposals)
    else:
        target = next((m for m in meetings if m.status in not_held), None)
    return own, target


def route_review(review: MonthlyReview, today: date | None = None) -> Meeting | None:
    """The meeting a sheet confirmed ``today`` goes to: its month's regular meeting while that meeting is
    not yet held (or is being held today: confirmed by the meeting's day is on time, as ``regularity`` counts
    it), else the next regular meeting not yet held; None when none is prepared yet
    (meetings.services.meeting_prepare then gives it to the next meeting prepared)."""
    Meeting = apps.get_model("meetings", "Meeting")
    today = today or timezone.localdate()
    not_held = [Meeting.Status.DRAFT, Meeting.Status.PUBLISHED]
    candidates = Meeting.objects.filter(cell_id=review.cell_id, kind=Meeting.Kind.REGULAR).filter(
        Q(month=review.month, date__gte=today, status=Meeting.Status.HELD)
        | Q(month__gte=review.month, status__in=not_held)
    )
    return candidates.order_by("month", "date").first()


def months_between(start: date, end: date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month


@dataclass
class Regularity:
    member: Member
    last_praise: date | None = None
    last_criticism: date | None = None
    months_since_praise: int | None = None
    months_since_criticism: int | None = None


def regularity(cell: Cell, members: list[Member], today: date) -> tuple[list[Regularity], list[dict]]:
    """Per member, months since the last praise and the last criticism or reminder; and the months
    whose review was missing or confirmed only after the meeting."""
    last = {}
    rows = Announcement.objects.filter(meeting__cell=cell).values("member", "kind").annotate(last=Max("meeting__date"))
    for row in rows:
        last[(row["member"], row["kind"])] = row["last"]
    result = []
    for member in members:
        praise = last.get((member.pk, Proposal.PRAISE))
        blame = max(
            [d for d in (last.get((member.pk, Proposal.CRITICISE)), last.get((member.pk, Proposal.REMIND))) if d],
            default=None,
        )
        result.append(
            Regularity(
                member,
                praise,
                blame,
                months_between(praise, today) if praise else None,
                months_between(blame, today) if blame else None,
            )
        )
    Meeting = apps.get_model("meetings", "Meeting")  # named by its label, as the lazy foreign keys do
    meetings = Meeting.objects.filter(cell=cell, kind=Meeting.Kind.REGULAR, date__lte=today).exclude(
        status=Meeting.Status.DRAFT
    )
    reviews = {r.month: r for r in MonthlyReview.objects.filter(cell=cell)}
    late = []
    for meeting in meetings.order_by("-month")[:12]:
        review = reviews.get(meeting.month)
        on_time = review is not None and review.confirmed_at is not None and review.confirmed_at.date() <= meeting.date
        if not on_time:
            late.append({"meeting": meeting, "review": review})
    return result, late


@dataclass
class YearRecord:
    """What the classification of one member rests on, and the proposal computed from it."""

    member: Member
    exempt: bool = False
    grades: list = field(default_factory=list)  # one code (or "") per month
    commendations: list = field(default_factory=list)
    violations: list = field(default_factory=list)
    tasks_total: int = 0
    on_time: int = 0
    late: int = 0
    not_done: int = 0
    overdue: int = 0
    exceeding: int = 0
    meetings: int = 0
    attended: int = 0
    speeches: int = 0
    common_points: int = 0
    task_points: int = 0
    points: int = 0
    exceeding_share: int = 0
    proposed: RatingLevel | None = None
    why: list = field(default_factory=list)  # (a level above the proposed one, the conditions it missed)
    decision: Classification | None = None

    @property
    def not_on_time(self) -> int:
        """Tasks due in the year and not done on time: late, not done, or overdue."""
        return self.late + self.not_done + self.overdue

    @property
    def pending(self) -> int:
        """Tasks of the year not yet due (and not done): they count neither for nor against."""
        return self.tasks_total - self.on_time - self.not_on_time

    @property
    def reasons(self) -> list[str]:
        """Why each better level was not proposed, in words: "Hoàn thành tốt nhiệm vụ: dưới 70 điểm"."""
        return [
            f"{level.label}: {'; '.join(_missed(self, level, code) for code in codes)}" for level, codes in self.why
        ]


def _missed(record: YearRecord, level: RatingLevel, code: str) -> str:
    texts = {
        "points": lambda: gettext("under %(min)s points") % {"min": level.min_points},
        "on_time": lambda: gettext("a task not done on time"),
        "exceeding": lambda: (
            gettext("tasks above the expected level %(share)s%%, under %(min)s%%")
            % {"share": record.exceeding_share, "min": level.min_exceeding_share}
        ),
        "remedied": lambda: gettext("a shortcoming not yet remedied"),
        "discipline": lambda: gettext("party discipline in the year"),
    }
    return texts[code]()


def requires_all_on_time(level: RatingLevel, levels: list[RatingLevel]) -> bool:
    """QĐ 366: the best level ("Hoàn thành xuất sắc nhiệm vụ") needs every task done on time, whatever the
    cell's settings say; a lower level needs it when the cell's settings ask for it."""
    return level.all_on_time or (bool(levels) and level.pk == levels[0].pk)


def _propose(record: YearRecord, cell: Cell, levels: list[RatingLevel]) -> None:
    light = sum(1 for v in record.violations if not v.is_discipline and v.handling)
    heavy = sum(1 for v in record.violations if v.is_discipline)
    record.common_points = max(
        0, cell.rating_common_points - light * cell.rating_light_deduction - heavy * cell.rating_discipline_deduction
    )
    counted = record.on_time + record.late + record.not_done + record.overdue
    if counted:
        credit = record.on_time + record.late / 2
        record.task_points = round(cell.rating_task_points * credit / counted)
    else:
        share = record.attended / record.meetings if record.meetings else 1
        record.task_points = round(cell.rating_task_points * share)
    record.points = record.common_points + record.task_points
    all_on_time = record.late == record.not_done == record.overdue == 0
    done = record.on_time + record.late
    exceeding_share = 100 * record.exceeding / done if done else 0
    record.exceeding_share = int(exceeding_share)
    remedied = all(v.is_remedied for v in record.violations)
    disciplined = heavy > 0
    for level in levels:
        reasons = []
        if record.points < level.min_points:
            reasons.append("points")
        if requires_all_on_time(level, levels) and not all_on_time:
            reasons.append("on_time")
        if exceeding_share < level.min_exceeding_share:
            reasons.append("exceeding")
        if level.all_remedied and not remedied:
            reasons.append("remedied")
        if level.no_discipline and disciplined:
            reasons.append("discipline")
        if not reasons:
            record.proposed = level
            return
        record.why.append((level, reasons))
    record.proposed = levels[-1] if levels else None


def year_records(cell: Cell, year: int, levels: list[RatingLevel], today: date | None = None) -> list[YearRecord]:
    """Every member of the year with the collected record and a proposed level (a fixed number of queries).
    A task not yet due on ``today`` (and not done) counts neither for nor against its assignee."""
    from members.selectors import sort_by_name

    start, end = date(year, 1, 1), date(year + 1, 1, 1)
    people = sort_by_name(
        Member.objects.filter(cell=cell, admission_date__lt=end).exclude(left_on__lt=start).select_related("unit")
    )
    records = {m.pk: YearRecord(m, exempt=m.exempt_since is not None and m.exempt_since < end) for m in people}
    for r in records.values():
        r.grades = [""] * 12
    rows = ReviewRow.objects.filter(review__cell=cell, review__month__gte=start, review__month__lt=end)
    for row in rows.select_related("grade", "review"):
        if row.member_id in records and row.grade:
            records[row.member_id].grades[row.review.month.month - 1] = row.grade.code
    for item in Commendation.objects.filter(cell=cell, decided_on__gte=start, decided_on__lt=end):
        if item.member_id in records:
            records[item.member_id].commendations.append(item)
    for item in Violation.objects.filter(cell=cell, found_on__gte=start, found_on__lt=end):
        if item.member_id in records:
            records[item.member_id].violations.append(item)
    tasks = Task.objects.filter(cell=cell, due_date__gte=start, due_date__lt=end).select_related(
        "assessed_level", "expected_level"
    )
    today = today or timezone.localdate()
    for task in tasks:
        r = records.get(task.assignee_id)
        if r is None:
            continue
        r.tasks_total += 1
        if task.done_on_time is True:
            r.on_time += 1
        elif task.done_on_time is False:
            r.late += 1
        elif task.state == Task.State.NOT_DONE:
            r.not_done += 1
        elif task.is_overdue_on(today):
            r.overdue += 1
        if task.assessed_level and task.assessed_level.position < task.expected_level.position:
            r.exceeding += 1
    # Meetings, attendance and speeches belong to meetings, which sits above this app: the models are
    # named by their labels, as the lazy foreign keys do, never imported.
    Meeting, Attendance, Speech = (apps.get_model("meetings", name) for name in ("Meeting", "Attendance", "Speech"))
    held = Meeting.objects.filter(
        cell=cell, kind=Meeting.Kind.REGULAR, date__gte=start, date__lt=end, status__in=["held", "approved"]
    )
    marks = (
        Attendance.objects.filter(meeting__in=held)
        .values("member")
        .annotate(total=Count("pk"), present=Count("pk", filter=Q(status__in=Attendance.PRESENT_STATUSES)))
    )
    for mark in marks:
        if mark["member"] in records:
            records[mark["member"]].meetings = mark["total"]
            records[mark["member"]].attended = mark["present"]
    spoken = Speech.objects.filter(
        item__meeting__cell=cell, item__meeting__date__gte=start, item__meeting__date__lt=end
    )
    for row in spoken.values("member").annotate(n=Count("pk")):
        if row["member"] in records:
            records[row["member"]].speeches = row["n"]
    decisions = Classification.objects.filter(cell=cell, year=year).select_related("level", "confirmed_by")
    for decision in decisions:
        if decision.member_id in records:
            records[decision.member_id].decision = decision
    for record in records.values():
        if not record.exempt:
            _propose(record, cell, levels)
    return list(records.values())


def classification_day(cell: Cell, year: int) -> date | None:
    """The day the committee decided the year's classification (its latest decision), or None."""
    return Classification.objects.filter(cell=cell, year=year).aggregate(day=Max("confirmed_on"))["day"]
