"""What the superior committee reads of its cells: one row per cell for a period, in a fixed number of queries
whatever the number of cells (each figure is one aggregate over every cell of the organisation)."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Func, IntegerField, Q, Sum
from django.db.models.functions import Coalesce, TruncDate
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from assignments.models import Task
from chibo.superior.periods import Period
from core.months import month_after
from core.prepared import Prepared
from evaluations.models import Classification
from meetings.models import AgendaItem, Attendance, Category, Meeting, MeetingRecord
from members.models import Cell, Member, Organisation
from supervision.models import SupervisionItem, SupervisionPlan

HELD = (Meeting.Status.HELD, Meeting.Status.APPROVED)


def _day(value: date) -> str:
    return date_format(value, "d/m/Y")


class PointsTotal(Func):
    """The points of a quality score sheet (``MeetingRecord.quality_scores``: rows of label, max and points), added
    up by the database: no JSON decoded in Python for the hundreds of meetings of a year."""

    template = "(SELECT SUM((score ->> 'points')::integer) FROM jsonb_array_elements(%(expressions)s) AS score)"
    output_field = IntegerField()


@dataclass(slots=True)
class HeldMeeting:
    """A held meeting as the overview reads it, with its record's state: plain values, not model instances."""

    COLUMNS = (
        "pk",
        "cell_id",
        "kind",
        "month",
        "date",
        "resolution_posted_on",
        "record__status",
        "approved_on",
        "quality_total",
    )

    pk: int
    cell_id: int
    kind: str
    month: date
    date: date
    resolution_posted_on: date | None
    record_status: str | None
    approved_on: date | None  # the day of the approval, where the cell is (not in UTC)
    quality_total: int | None


@dataclass
class MonthMeeting:
    """The regular meeting of one month of the period, as the superior committee judges it."""

    month: date
    meeting: HeldMeeting | None
    due: bool  # the month is over (or its meeting was held): it counts
    on_time: bool = False
    minutes_days: int | None = None  # days from the meeting to the approval of its minutes
    resolution_days: int | None = None  # days from the meeting to the resolution posted and reported


@dataclass
class CellRow:
    cell: Cell
    months: list[MonthMeeting] = field(default_factory=list)
    thematic: dict[int, HeldMeeting | None] = field(default_factory=dict)  # quarter → its first thematic meeting
    thematic_due: list[int] = field(default_factory=list)  # quarters that are over
    present: int = 0
    summoned: int = 0
    quality_points: int | None = None
    quality_level: str = ""
    professional_minutes: int = 0
    party_minutes: int = 0
    overdue_tasks: int = 0
    members: int = 0
    supervised: int = 0
    classification: list[tuple[str, int]] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)

    @property
    def behind(self) -> bool:
        return bool(self.flags)

    @property
    def held(self) -> list[MonthMeeting]:
        return [m for m in self.months if m.meeting is not None]

    @property
    def on_time(self) -> int:
        return sum(1 for m in self.months if m.on_time)

    @property
    def due(self) -> int:
        return sum(1 for m in self.months if m.due)

    @property
    def approved(self) -> list[MonthMeeting]:
        return [m for m in self.months if m.minutes_days is not None]

    @property
    def minutes_days_max(self) -> int | None:
        return max((m.minutes_days for m in self.approved), default=None)

    @property
    def posted(self) -> list[MonthMeeting]:
        return [m for m in self.months if m.resolution_days is not None]

    @property
    def attendance_rate(self) -> int | None:
        return round(100 * self.present / self.summoned) if self.summoned else None

    @property
    def professional_share(self) -> int | None:
        total = self.professional_minutes + self.party_minutes
        return round(100 * self.professional_minutes / total) if total else None

    @property
    def party_share(self) -> int | None:
        share = self.professional_share
        return None if share is None else 100 - share

    @property
    def coverage(self) -> int | None:
        return round(100 * self.supervised / self.members) if self.members else None

    @property
    def thematic_held(self) -> int:
        return sum(1 for meeting in self.thematic.values() if meeting is not None)


def _quarter_bounds(period: Period) -> tuple[date, date]:
    first, last = min(period.quarters), max(period.quarters)
    return date(period.year, 3 * first - 2, 1), month_after(date(period.year, 3 * last, 1)) - timedelta(days=1)


# The overview's lookups, compiled once per worker (core.prepared): Django writing the SQL of eight aggregates
# took as long as the database answering them. Every value that varies is an argument with its stand-in.
_IN_PERIOD = {"meeting__status__in": HELD, "meeting__kind": Meeting.Kind.REGULAR}
_cells = Prepared(
    lambda organisation: Cell.objects.filter(organisation_id=organisation).order_by("name", "pk"),
    organisation=-7_200_001,
)
_meetings = Prepared(
    lambda organisation, first, last: (
        Meeting.objects.filter(
            cell__organisation_id=organisation,
            kind__in=[Meeting.Kind.REGULAR, Meeting.Kind.THEMATIC],
            status__in=HELD,
            month__gte=first,
            month__lte=last,
        )
        .annotate(approved_on=TruncDate("record__approved_at"), quality_total=PointsTotal("record__quality_scores"))
        .values_list(*HeldMeeting.COLUMNS)
        .order_by("date", "pk")
    ),
    organisation=-7_200_002,
    first=date(1, 1, 2),
    last=date(1, 1, 3),
)
_attendance = Prepared(
    lambda organisation, first, last: (
        Attendance.objects.filter(
            meeting__cell__organisation_id=organisation,
            meeting__month__gte=first,
            meeting__month__lte=last,
            **_IN_PERIOD,
        )
        .values_list("meeting__cell")
        .annotate(total=Count("*"), present=Count("status", filter=Q(status__in=Attendance.PRESENT_STATUSES)))
    ),
    organisation=-7_200_003,
    first=date(1, 1, 4),
    last=date(1, 1, 5),
)
_times = Prepared(
    lambda organisation, first, last: (
        AgendaItem.objects.filter(
            meeting__cell__organisation_id=organisation,
            meeting__month__gte=first,
            meeting__month__lte=last,
            category__in=[Category.PROFESSIONAL, Category.PARTY],
            **_IN_PERIOD,
        )
        .values_list("meeting__cell", "category")
        .annotate(minutes=Sum(Coalesce("actual_minutes", "planned_minutes")))
    ),
    organisation=-7_200_004,
    first=date(1, 1, 6),
    last=date(1, 1, 7),
)
_overdue = Prepared(  # the period's tasks still open after their deadline: a later period's are not due yet
    lambda organisation, today, first, last: (
        Task.objects.filter(cell__organisation_id=organisation, due_date__gte=first, due_date__lte=last)
        .overdue(today)
        .values_list("cell")
        .annotate(n=Count("pk"))
    ),
    organisation=-7_200_005,
    today=date(1, 1, 8),
    first=date(1, 1, 11),
    last=date(1, 1, 12),
)
_people = Prepared(
    lambda organisation, today: (
        Member.objects.filter(cell__organisation_id=organisation)
        .active(today)
        .filter(Q(exempt_since__isnull=True) | Q(exempt_since__gt=today))
        .values_list("cell")
        .annotate(n=Count("pk"))
    ),
    organisation=-7_200_006,
    today=date(1, 1, 9),
)
_supervised = Prepared(  # a period's quarters follow each other: the first and the last say which
    lambda organisation, year, first, last, today: (
        SupervisionItem.objects.filter(
            plan__cell__organisation_id=organisation,
            plan__year=year,
            plan__quarter__gte=first,
            plan__quarter__lte=last,
        )
        .exclude(plan__status=SupervisionPlan.Status.DRAFT)
        .filter(Q(member__left_on__isnull=True) | Q(member__left_on__gt=today))
        .values_list("plan__cell")
        .annotate(n=Count("member", distinct=True))
    ),
    organisation=-7_200_007,
    year=32_001,  # positive fields: positive stand-ins, beyond any real value
    first=32_002,
    last=32_003,
    today=date(1, 1, 10),
)
_decided = Prepared(
    lambda organisation, year: (
        Classification.objects.filter(cell__organisation_id=organisation, year=year)
        .values_list("cell", "level__label", "level__position")
        .annotate(n=Count("pk"))
        .order_by("cell", "level__position", "level__label")
    ),
    organisation=-7_200_008,
    year=32_004,
)


def overview(organisation: Organisation, period: Period, today: date) -> list[CellRow]:
    """One row per cell of ``organisation`` for ``period``; 8 queries for any number of cells."""
    org = organisation.pk
    cells = _cells(organisation=org)
    rows = {cell.pk: CellRow(cell) for cell in cells}
    q_start, q_end = _quarter_bounds(period)
    regular, thematic = {}, {}
    # Plain values: a year of 50 cells is 600 meetings and their records.
    for values in _meetings(organisation=org, first=q_start, last=q_end):
        meeting = HeldMeeting(*values)
        if meeting.kind == Meeting.Kind.REGULAR:
            regular[(meeting.cell_id, meeting.month)] = meeting
        else:
            thematic.setdefault((meeting.cell_id, (meeting.month.month - 1) // 3 + 1), meeting)
    for cell, total, present in _attendance(organisation=org, first=period.start, last=period.end):
        rows[cell].summoned, rows[cell].present = total, present
    for cell, category, minutes in _times(organisation=org, first=period.start, last=period.end):
        if category == Category.PROFESSIONAL:
            rows[cell].professional_minutes = minutes or 0
        else:
            rows[cell].party_minutes = minutes or 0
    for cell, n in _overdue(organisation=org, today=today, first=period.start, last=period.end):
        rows[cell].overdue_tasks = n
    for cell, n in _people(organisation=org, today=today):
        rows[cell].members = n
    first, last = min(period.quarters), max(period.quarters)
    for cell, n in _supervised(organisation=org, year=period.year, first=first, last=last, today=today):
        rows[cell].supervised = n
    for cell, label, _position, n in _decided(organisation=org, year=period.year):
        rows[cell].classification.append((label, n))
    months, quarters = _months(period), _quarters(period, today)
    for cell in cells:
        _judge(rows[cell.pk], organisation, period, months, quarters, regular, thematic, today)
    return [rows[cell.pk] for cell in cells]


def _months(period: Period) -> list[tuple[date, str, date]]:
    """The period's months with their label and last day (the same for every cell)."""
    return [
        (month, f"{month.month:02d}/{month.year}", month_after(month) - timedelta(days=1)) for month in period.months
    ]


LISTED = 3  # months named one by one in a reason; more are summed up


def _listed(items: list[str]) -> str:
    """The months a reason concerns: named when few, counted with the first and the last when many (a year's
    row would otherwise run to twelve months on one line)."""
    if len(items) <= LISTED:
        return ", ".join(items)
    return _("%(count)s months, from %(first)s to %(last)s") % {
        "count": len(items),
        "first": items[0],
        "last": items[-1],
    }


def _quarters(period: Period, today: date) -> list[tuple[int, bool]]:
    """The period's quarters, each with whether it is over (its thematic meeting is then due)."""
    return [(quarter, month_after(date(period.year, 3 * quarter, 1)) <= today) for quarter in period.quarters]


def _days_after(meeting: HeldMeeting, day: date | None) -> int | None:
    return None if day is None else max(0, (day - meeting.date).days)


def _judge(
    row: CellRow, organisation: Organisation, period: Period, months, quarters, regular, thematic, today: date
) -> None:
    """Fill the row's months and quarters and say, in words, where the cell falls behind (one line per kind of
    shortfall, naming the months it concerns)."""
    cell, limit = row.cell, organisation.report_within_days
    points = []
    missing, held_late, minutes_late, minutes_pending, reported_late, not_reported = [], [], [], [], [], []
    for month, label, month_end in months:
        meeting = regular.get((cell.pk, month))
        entry = MonthMeeting(month, meeting, due=meeting is not None or month_end < today)
        row.months.append(entry)
        if meeting is None:
            if entry.due:
                missing.append(label)
            continue
        entry.on_time = meeting.date <= month_end
        if not entry.on_time:
            held_late.append(_("%(month)s (on %(day)s)") % {"month": label, "day": _day(meeting.date)})
        if meeting.record_status == MeetingRecord.Status.APPROVED and meeting.approved_on:
            entry.minutes_days = _days_after(meeting, meeting.approved_on)
            if entry.minutes_days > limit:
                minutes_late.append(_("%(month)s (%(days)s days)") % {"month": label, "days": entry.minutes_days})
        elif (today - meeting.date).days > limit:
            minutes_pending.append(label)
        entry.resolution_days = _days_after(meeting, meeting.resolution_posted_on)
        if entry.resolution_days is not None and entry.resolution_days > limit:
            reported_late.append(_("%(month)s (%(days)s days)") % {"month": label, "days": entry.resolution_days})
        elif entry.resolution_days is None and (today - meeting.date).days > limit:
            not_reported.append(label)
        if meeting.quality_total is not None:
            points.append(meeting.quality_total)
    listed = _listed
    if missing:
        row.flags.append(_("No regular meeting in %(month)s") % {"month": listed(missing)})
    if held_late:
        row.flags.append(_("Regular meeting held after its month: %(months)s") % {"months": listed(held_late)})
    if minutes_late:
        row.flags.append(
            _("Minutes approved more than %(limit)s days after the meeting: %(months)s")
            % {"limit": limit, "months": listed(minutes_late)}
        )
    if minutes_pending:
        row.flags.append(_("Minutes of %(month)s not approved yet") % {"month": listed(minutes_pending)})
    if reported_late:
        row.flags.append(
            _("Resolution reported more than %(limit)s days after the meeting: %(months)s")
            % {"limit": limit, "months": listed(reported_late)}
        )
    if not_reported:
        row.flags.append(_("Resolution of %(month)s not posted and reported") % {"month": listed(not_reported)})
    no_thematic = []
    for quarter, over in quarters:
        row.thematic[quarter] = thematic.get((cell.pk, quarter))
        if over:
            row.thematic_due.append(quarter)
            if row.thematic[quarter] is None:
                no_thematic.append(str(quarter))
    if no_thematic:
        row.flags.append(
            _("No thematic meeting in quarter %(quarter)s/%(year)s")
            % {"quarter": ", ".join(no_thematic), "year": period.year}  # four at most: named
        )
    if points:
        row.quality_points = round(sum(points) / len(points))
        row.quality_level = cell.quality_level(row.quality_points)
        if row.quality_points < cell.quality_fair_min:
            row.flags.append(_("Meeting quality below “Fair”: %(points)s points") % {"points": row.quality_points})
    rate = row.attendance_rate
    if rate is not None and rate < organisation.attendance_min:
        row.flags.append(
            _("Attendance %(rate)s%%, under %(min)s%%") % {"rate": rate, "min": organisation.attendance_min}
        )
    if row.overdue_tasks:
        row.flags.append(_("%(n)s tasks overdue") % {"n": row.overdue_tasks})
