"""Reads of the assignments app, each shaped so a template never triggers a query."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from django.db.models import Count, F, OuterRef, Q, Subquery

from assignments.models import Task
from core.months import month_after
from core.prepared import Prepared
from members.models import Cell, Member

if TYPE_CHECKING:  # meetings sits above this app: it is named here, never imported at run time
    from meetings.models import Meeting

CLOSED_SHOWN = 30  # "my tasks" lists the latest closed tasks below the open ones


def tasks_of_cell(cell: Cell):
    return Task.objects.filter(cell=cell).with_related()


@dataclass
class MyTasks:
    open: list
    closed: list
    closed_count: int


def with_cell(tasks, cell: Cell) -> list[Task]:
    """The tasks, each knowing its cell without a join (they all belong to ``cell``)."""
    tasks = list(tasks)
    for task in tasks:
        task.cell = cell
    return tasks


def my_tasks(member: Member) -> MyTasks:
    """Open tasks by due date; the latest closed ones below."""
    return MyTasks(
        open=with_cell(_my_open(member=member.pk), member.cell),
        closed=with_cell(_my_closed(member=member.pk), member.cell),
        closed_count=sum(row["count"] for row in _my_closed_count(member=member.pk)),  # no row: none closed
    )


def _cards(member: int):
    """The cards name no assignee (they are all the member's): only the levels are joined."""
    return Task.objects.filter(assignee_id=member).select_related("expected_level", "assessed_level")


# Every visit to "my tasks" asks these three: compiled once per worker (core.prepared).
_my_open = Prepared(lambda member: _cards(member).open().order_by("due_date", "pk"), member=-7_200_011)
_my_closed = Prepared(
    lambda member: _cards(member).exclude(state=Task.State.OPEN).order_by("-due_date", "-pk")[:CLOSED_SHOWN],
    member=-7_200_012,
)
_my_closed_count = Prepared(
    lambda member: (
        Task.objects.filter(assignee_id=member)
        .exclude(state=Task.State.OPEN)
        .values("assignee")
        .annotate(count=Count("pk"))
        .values("count")
        .order_by()
    ),
    member=-7_200_013,
)


@dataclass
class TaskFilter:
    member: int | None = None
    unit: int | None = None
    source: str = ""
    state: str = ""  # a Task.State, or "overdue"
    month: date | None = None


def filtered_tasks(cell: Cell, chosen: TaskFilter, today: date):
    tasks = Task.objects.filter(cell=cell).for_list()
    if chosen.member:
        tasks = tasks.filter(assignee_id=chosen.member)
    if chosen.unit:
        tasks = tasks.filter(assignee__unit_id=chosen.unit)
    if chosen.source:
        tasks = tasks.filter(source=chosen.source)
    if chosen.state == "overdue":
        tasks = tasks.overdue(today)
    elif chosen.state:
        tasks = tasks.filter(state=chosen.state)
    if chosen.month:
        tasks = tasks.filter(due_date__gte=chosen.month, due_date__lt=month_after(chosen.month))
    return tasks.order_by("-due_date", "-pk")


def table_rows(tasks):
    """The overview table's rows as plain values: a page of 50 tasks built no model instances (250 of
    them with the assignee, unit and levels) only to print a few fields."""
    return tasks.values(
        "pk",
        "title",
        "source",
        "source_ref",
        "due_date",
        "state",
        "progress",
        assignee_name=F("assignee__full_name"),
        unit_name=F("assignee__unit__name"),
        expected_label=F("expected_level__label"),
        assessed_label=F("assessed_level__label"),
    )


class CellTaskRows:
    """Every task of a cell as ``table_rows`` gives them, newest first, for a paginator: the overview as first
    opened. Each page's rows are read by a lookup compiled once per worker (``core.prepared``), and so is
    their count (``len``)."""

    def __init__(self, cell_id: int):
        self.cell_id = cell_id

    def __len__(self) -> int:
        found = _cell_task_count(cell=self.cell_id)
        return found[0]["n"] if found else 0

    def __getitem__(self, part: slice) -> list[dict]:
        start = part.start or 0
        if part.stop is not None and part.stop <= start:  # a cell with no task: the paginator asks for [0:0]
            return []
        return _cell_task_page(start, part.stop)(cell=self.cell_id)


_cell_task_count = Prepared(
    lambda cell: Task.objects.filter(cell_id=cell).order_by().values("cell_id").annotate(n=Count("pk")),
    cell=-7_200_011,
)


@lru_cache(maxsize=64)  # a page of the cell's tasks, by its place: 64 pages of 50 are 3,200 tasks
def _cell_task_page(start: int, stop: int) -> Prepared:
    return Prepared(
        lambda cell: table_rows(filtered_tasks(Cell(pk=cell), TaskFilter(), None))[start:stop], cell=-7_200_012
    )


@dataclass
class MemberCounts:
    member: Member
    open: int = 0
    overdue: int = 0
    on_time: int = 0
    late: int = 0
    not_done: int = 0


def _counted(tasks, today: date):
    return (
        tasks.order_by()
        .values("assignee")
        .annotate(
            open=Count("pk", filter=Q(state=Task.State.OPEN)),
            overdue=Count("pk", filter=Q(state=Task.State.OPEN, due_date__lt=today)),
            on_time=Count("pk", filter=Q(state=Task.State.DONE, done_on__lte=F("due_date"))),
            late=Count("pk", filter=Q(state=Task.State.DONE, done_on__gt=F("due_date"))),
            not_done=Count("pk", filter=Q(state=Task.State.NOT_DONE)),
        )
    )


# The counts of all the cell's tasks, as the overview first opens: compiled once per worker (core.prepared).
_all_counted = Prepared(
    lambda cell, today: _counted(Task.objects.filter(cell_id=cell), today), cell=-7_200_021, today=date(1901, 1, 7)
)


def counts_by_member(tasks, members: list[Member], today: date, *, cell: Cell | None = None) -> list[MemberCounts]:
    """Per member: open, overdue, done on time, done late, closed as not done (one query). ``cell``: ``tasks``
    are all of that cell's tasks (no filter)."""
    found = _all_counted(cell=cell.pk, today=today) if cell is not None else _counted(tasks, today)
    rows = {row["assignee"]: row for row in found}
    counts = []
    for member in members:
        row = rows.get(member.pk)
        if row:
            counts.append(
                MemberCounts(member, row["open"], row["overdue"], row["on_time"], row["late"], row["not_done"])
            )
    return counts


def review_window(meeting: Meeting) -> tuple[date, date]:
    """The tasks a meeting reviews: due from the first day of the previous month up to the meeting."""
    start = (meeting.month - timedelta(days=1)).replace(day=1)
    return start, max(meeting.date, meeting.month)


def tasks_for_review(meeting: Meeting) -> list[Task]:
    """Tasks due in the month under review, and older ones still open: the carry-over, typed once. Each with
    ``assignee_name`` and its ``assessed_level``; nothing else related is loaded."""
    start, end = review_window(meeting)
    return _for_review(cell=meeting.cell_id, start=start, end=end)


_for_review = Prepared(  # the agenda editor and the minutes ask for it on every view: compiled once per worker
    lambda cell, start, end: (
        Task.objects.filter(cell_id=cell)
        # The review list and the minutes name the assignee and the level reached, nothing else of theirs. The
        # name is read per task: joined, PostgreSQL hashed every member of the deployment for a dozen tasks.
        .select_related("assessed_level")
        .annotate(assignee_name=Subquery(Member.objects.filter(pk=OuterRef("assignee_id")).values("full_name")))
        .filter(Q(due_date__gte=start, due_date__lte=end) | Q(state=Task.State.OPEN, due_date__lt=start))
        .order_by("due_date", "pk")
    ),
    cell=-7_200_001,
    start=date(1901, 1, 2),
    end=date(1901, 1, 3),
)


def completion_by_member(cell: Cell, start: date, end: date) -> dict[int, dict]:
    """Per member, tasks due in [start, end): counts by outcome and by assessed level (for the reviews)."""
    tasks = Task.objects.filter(cell=cell, due_date__gte=start, due_date__lt=end).select_related("assessed_level")
    result: dict[int, dict] = {}
    for task in tasks:
        row = result.setdefault(task.assignee_id, {"total": 0, "on_time": 0, "late": 0, "not_done": 0, "levels": {}})
        row["total"] += 1
        if task.done_on_time is True:
            row["on_time"] += 1
        elif task.done_on_time is False:
            row["late"] += 1
        elif task.state == Task.State.NOT_DONE:
            row["not_done"] += 1
        if task.assessed_level:
            label = task.assessed_level.label
            row["levels"][label] = row["levels"].get(label, 0) + 1
    return result
