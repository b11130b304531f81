from django.apps import apps
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from assignments import services
from assignments.calendar import calendar_for
from assignments.export import tasks_xlsx
from assignments.forms import (
    AssessForm,
    AssignFormSet,
    CloseForm,
    CompletionLevelForm,
    ExtendForm,
    OverviewFilterForm,
    ReportForm,
    TaskForm,
)
from assignments.models import CalendarFeed, CompletionLevel, Task
from assignments.selectors import (
    CellTaskRows,
    TaskFilter,
    counts_by_member,
    filtered_tasks,
    my_tasks,
    table_rows,
    tasks_of_cell,
)
from meetings.selectors import record_of
from members.models import Member
from members.permissions import committee_required, member_required
from members.selectors import active_members, history_of, sort_by_name
from members.views import SettingRows

OVERVIEW_PAGE = 50

# Access, decided here for the whole app ------------------------------------------------


def get_task_for_user(request, pk) -> Task:
    """A task of the member's cell: the committee sees every task, a member only their own (404 otherwise)."""
    task = get_object_or_404(tasks_of_cell(request.member.cell), pk=pk)
    if not request.member.may_prepare and task.assignee_id != request.member.pk:
        raise Http404
    return task


def get_committee_task(request, pk) -> Task:
    """A task the acting committee member may assess, extend, close or correct (403 for members)."""
    if not request.member.may_prepare:
        raise PermissionDenied(_("Only members of the cell committee may do this."))
    return get_object_or_404(tasks_of_cell(request.member.cell), pk=pk)


def _assigned(count: int) -> str:
    return ngettext("%(count)s task assigned.", "%(count)s tasks assigned.", count) % {"count": count}


def _members(cell) -> list[Member]:
    return sort_by_name(Member.objects.filter(cell=cell).active().select_related("unit"))


# A member's own tasks ------------------------------------------------------------------------


@member_required
def my_tasks_view(request):
    return render(request, "assignments/mine.html", {"tasks": my_tasks(request.member)})


def _detail(request, task, **forms):
    levels = services.completion_levels(task.cell)
    context = {
        "task": task,
        "reports": task.reports.select_related("by"),
        "extensions": task.extensions.select_related("by"),
        "linked": tasks_of_cell(task.cell).filter(group=task.group).exclude(pk=task.pk),
        "may_report": task.is_open and task.assignee_id == request.member.pk,
        "may_assess": request.member.may_prepare,
        "report_form": forms.get("report_form") or ReportForm(task=task),
        "assess_form": forms.get("assess_form")
        or AssessForm(levels=levels, initial={"level": task.assessed_level_id, "comment": task.assessment}),
        "extend_form": forms.get("extend_form") or ExtendForm(task=task),
        "close_form": forms.get("close_form") or CloseForm(),
        "history": history_of(task) if request.member.may_prepare else [],
    }
    return render(request, "assignments/detail.html", context)


@member_required
def task_detail(request, pk):
    return _detail(request, get_task_for_user(request, pk))


@require_POST
@member_required
def task_report(request, pk):
    task = get_task_for_user(request, pk)
    if task.assignee_id != request.member.pk:
        raise PermissionDenied(_("Only the member the task is assigned to may report on it."))
    form = ReportForm(request.POST, task=task)
    if not form.is_valid():
        return _detail(request, task, report_form=form)
    data = form.cleaned_data
    try:
        services.progress_report(
            task=task,
            by=request.member,
            percent=data["percent"],
            note=data["note"],
            on=data["reported_on"],
            done=data["done"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(task)
    messages.success(request, _("The task is marked done.") if data["done"] else _("Your progress was recorded."))
    return redirect(task)


# The committee's work on a task ------------------------------------------------------------


def _committee_action(request, pk, form_name, make_form, action, done_message):
    """Validate the committee's form for a task, run the service, and show the task again."""
    task = get_committee_task(request, pk)
    form = make_form(task)
    if not form.is_valid():
        return _detail(request, task, **{form_name: form})
    try:
        action(task, form.cleaned_data)
    except ValidationError as error:  # the task's state does not allow it: say so above the task
        messages.error(request, " ".join(error.messages))
        return redirect(task)
    messages.success(request, done_message)
    return redirect(task)


@require_POST
@member_required
def task_assess(request, pk):
    def assess(task, data):
        services.task_assess(task=task, by=request.member, level=data["level"], comment=data["comment"])

    levels = lambda task: services.completion_levels(task.cell)  # noqa: E731
    make_form = lambda task: AssessForm(request.POST, levels=levels(task))  # noqa: E731
    return _committee_action(request, pk, "assess_form", make_form, assess, _("The assessment was saved."))


@require_POST
@member_required
def task_extend(request, pk):
    def extend(task, data):
        services.task_extend(task=task, by=request.member, new_due=data["new_due"], reason=data["reason"])

    make_form = lambda task: ExtendForm(request.POST, task=task)  # noqa: E731
    message = _("The due date was extended; the reason is kept.")
    return _committee_action(request, pk, "extend_form", make_form, extend, message)


@require_POST
@member_required
def task_close(request, pk):
    def close(task, data):
        services.task_close_not_done(task=task, by=request.member, reason=data["reason"])

    make_form = lambda task: CloseForm(request.POST)  # noqa: E731
    return _committee_action(request, pk, "close_form", make_form, close, _("The task was closed as not done."))


@committee_required
def task_create(request):
    cell = request.member.cell
    form = TaskForm(request.POST or None, cell=cell, levels=services.completion_levels(cell), members=_members(cell))
    if request.method == "POST" and form.is_valid():
        fields = {name: value for name, value in form.cleaned_data.items() if name != "assignees"}
        try:
            tasks = services.task_assign(
                cell=cell, by=request.member, assignees=list(form.cleaned_data["assignees"]), fields=fields
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _assigned(len(tasks)))
            return redirect(tasks[0] if len(tasks) == 1 else reverse("assignments:overview"))
    return render(request, "assignments/form.html", {"form": form, "title": _("Assign a task")})


@committee_required
def task_edit(request, pk):
    task = get_committee_task(request, pk)
    cell = task.cell
    form = TaskForm(request.POST or None, instance=task, cell=cell, levels=services.completion_levels(cell), members=[])
    if request.method == "POST" and form.is_valid():
        try:
            services.task_update(task=form.save(commit=False), changes=form.changes(), by=request.member)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The task was saved."))
            return redirect(task)
    return render(request, "assignments/form.html", {"form": form, "title": _("Edit the task"), "task": task})


# Assigning the resolution's points at a meeting ----------------------------------------------


@committee_required
def assign_from_meeting(request, pk):
    Meeting = apps.get_model("meetings", "Meeting")  # named by its label, as the lazy foreign keys do
    meeting = get_object_or_404(
        Meeting.objects.filter(cell=request.member.cell).exclude(status=Meeting.Status.DRAFT), pk=pk
    )
    cell = meeting.cell
    record = record_of(meeting)
    points = list(record.tasks.exclude(assignments__isnull=False).select_related("owner")) if record else []
    levels = services.completion_levels(cell)
    goals = [level.pk for level in levels if level.counts_as_done]
    default_level = goals[-1] if goals else None  # the plain "completed"
    initial = [
        {
            "resolution_task": point.pk,
            "title": point.content,
            "assignees": [point.owner_id] if point.owner_id else [],
            "due_date": point.deadline,
            "expected_level": default_level,
        }
        for point in points
    ] + [{"expected_level": default_level}] * 3
    kwargs = {"cell": cell, "levels": levels, "members": _members(cell), "assigned_on": meeting.date}
    formset = AssignFormSet(request.POST or None, initial=initial, form_kwargs=kwargs, prefix="row")
    if request.method == "POST" and formset.is_valid():
        by_pk = {point.pk: point for point in points}
        ref = _("Resolution of %(month)s") % {"month": meeting.month.strftime("%m/%Y")}
        rows = [
            {
                "title": row["title"],
                "assignees": list(row["assignees"]),
                "due_date": row["due_date"],
                "expected_level": row["expected_level"],
                "resolution_task": by_pk.get(row["resolution_task"]),
                "source": Task.Source.RESOLUTION,
                "source_ref": ref,
                "assigned_on": meeting.date,
            }
            for row in formset.cleaned_data
            if row.get("title")
        ]
        try:
            created = services.tasks_assign_from_meeting(meeting=meeting, by=request.member, rows=rows)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _assigned(len(created)))
            return redirect("assignments:from_meeting", meeting.pk)
    assigned = tasks_of_cell(cell).filter(meeting=meeting)
    return render(request, "assignments/assign.html", {"meeting": meeting, "formset": formset, "assigned": assigned})


# The committee's overview and its export ---------------------------------------------------


def _overview(request):
    cell = request.member.cell
    # The filter and the counts show only names: no unit, no other column of the member's record.
    today = timezone.localdate()
    members = sort_by_name(active_members(cell.pk, today))
    form = OverviewFilterForm(request.GET or None, members=members, units=list(cell.units.all()))
    chosen = TaskFilter()
    if form.is_valid():
        chosen = TaskFilter(**form.cleaned_data)
    tasks = filtered_tasks(cell, chosen, today)
    every = chosen == TaskFilter()  # the overview as first opened
    return form, tasks, counts_by_member(tasks, members, today, cell=cell if every else None), every


@committee_required
def overview(request):
    form, tasks, counts, every = _overview(request)
    if every:  # each page of the cell's tasks, and their count, by lookups compiled once per worker
        paginator = Paginator(CellTaskRows(request.member.cell_id), OVERVIEW_PAGE)
    else:
        paginator = Paginator(table_rows(tasks), OVERVIEW_PAGE)
        paginator.count = tasks.count()  # counted without the joins the table's columns need
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "assignments/overview.html",
        {"form": form, "page": page, "counts": counts, "query": query.urlencode(), "today": timezone.localdate()},
    )


@committee_required
def overview_xlsx(request):
    _form, tasks, counts, _every = _overview(request)
    response = HttpResponse(
        tasks_xlsx(tasks, counts, timezone.localdate()),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="nhiem-vu-{timezone.localdate():%Y-%m-%d}.xlsx"'
    return response


# The member's private calendar ---------------------------------------------------------------


@member_required
def calendar_page(request):
    feed = CalendarFeed.objects.filter(member=request.member).first()
    url = request.build_absolute_uri(reverse("assignments:feed", args=[feed.token])) if feed else ""
    return render(request, "assignments/calendar.html", {"feed": feed, "url": url})


@require_POST
@member_required
def calendar_reset(request):
    services.calendar_token_reset(member=request.member)
    messages.success(request, _("A new calendar address was made; the old one no longer works."))
    return redirect("assignments:calendar")


def calendar_feed(request, token):
    """No login: the secret address is the key. A wrong or reset token answers 404."""
    feed = get_object_or_404(CalendarFeed.objects.select_related("member__cell"), token=token)
    if not feed.member.is_active:
        raise Http404
    response = HttpResponse(
        calendar_for(feed.member, request.build_absolute_uri("/").rstrip("/")),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = 'inline; filename="chibo.ics"'
    return response


# The completion scale, one of the cell's ordered settings (served by members.views; URL meetings:levels) ------


LEVELS = SettingRows(
    model=CompletionLevel,
    form=CompletionLevelForm,
    rows=services.completion_levels,
    template="assignments/levels.html",
    edit_template="assignments/level_form.html",
    url="meetings:levels",
    initial={"counts_as_done": True},
    added=gettext_lazy("The level was added to the scale."),
    saved=gettext_lazy("The level was saved."),
    removed=gettext_lazy("The level was removed from the scale."),
)
