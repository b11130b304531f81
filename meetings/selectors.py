from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from core.prepared import Prepared, attach
from meetings.models import (
    Addendum,
    AgendaItem,
    Attendance,
    Category,
    Meeting,
    MeetingRecord,
    ResolutionTask,
    Speech,
    TaskReview,
)
from members.models import Cell, Member
from members.selectors import active_members, sort_by_name


def meetings_for(member):
    """Meetings the member may see: the committee sees drafts, members only published ones."""
    return visible_meetings(member.cell_id, drafts=member.may_prepare)


def visible_meetings(cell_id: int, *, drafts: bool):
    """A cell's meetings, with its drafts or without them (``meetings_for``)."""
    meetings = Meeting.objects.filter(cell_id=cell_id)
    return meetings if drafts else meetings.exclude(status=Meeting.Status.DRAFT)


# What every meeting page shows of its meeting: the cell, the chair, the minute-taker, who prepared and published it.
MEETING_PEOPLE = ("cell", "chair", "minute_taker", "prepared_by", "published_by__member")


def with_agenda(meetings):
    """Shape a meeting queryset for the agenda page and the PDF: no query per item."""
    items = AgendaItem.objects.select_related("presenter").prefetch_related("documents")
    return meetings.select_related(*MEETING_PEOPLE).prefetch_related(Prefetch("items", queryset=items))


@dataclass
class TimeSplit:
    total: int = 0
    procedure: int = 0
    professional: int = 0
    party: int = 0
    warnings: list = field(default_factory=list)

    @property
    def professional_share(self) -> int:
        content = self.professional + self.party
        return round(100 * self.professional / content) if content else 0

    @property
    def party_share(self) -> int:
        return 100 - self.professional_share if (self.professional + self.party) else 0


def time_split(meeting: Meeting) -> TimeSplit:
    """Planned time by category, with the warnings of the cell's rules (not prohibitions)."""
    split = TimeSplit()
    for item in meeting.items.all():
        split.total += item.planned_minutes
        if item.category == Category.PROFESSIONAL:
            split.professional += item.planned_minutes
        elif item.category == Category.PARTY:
            split.party += item.planned_minutes
        else:
            split.procedure += item.planned_minutes
    if not meeting.agenda_editable:
        return split  # held: the plan is history, and no warning about preparing it shows any more
    cell = meeting.cell
    minimum = cell.meeting_minutes_min_thematic if meeting.kind == Meeting.Kind.THEMATIC else cell.meeting_minutes_min
    if split.total < minimum:
        split.warnings.append(
            _("The meeting is planned for %(total)s minutes, less than the minimum of %(min)s minutes.")
            % {"total": split.total, "min": minimum}
        )
    share = split.professional_share
    thematic = meeting.kind == Meeting.Kind.THEMATIC  # a topic's meeting has no professional/party split
    if (
        not thematic
        and split.professional + split.party
        and not cell.professional_share_min <= share <= cell.professional_share_max
    ):
        split.warnings.append(
            _(
                "Professional work takes %(share)s%% of the content time, outside the cell's range of "
                "%(low)s–%(high)s%%: check the balance with party building."
            )
            % {"share": share, "low": cell.professional_share_min, "high": cell.professional_share_max}
        )
    return split


@dataclass
class ChecklistStep:
    label: str
    done_on: date | None
    warning: str = ""


def checklist(meeting: Meeting, today: date | None = None) -> list[ChecklistStep]:
    """The preparation steps of HD 42, with warnings where a step is late.

    Once the meeting is held, preparation is history: no warning about it shows any more. A thematic
    meeting's documents are not posted ahead on the handbook, so it gets no warning about posting."""
    today = today or timezone.localdate()
    preparing = meeting.status in (Meeting.Status.DRAFT, Meeting.Status.PUBLISHED)
    posted = meeting.handbook_posted_on
    handbook_warning = ""
    if not preparing or meeting.kind == Meeting.Kind.THEMATIC:
        pass
    elif posted and posted > meeting.date - timedelta(days=1):
        handbook_warning = _("Posted less than one day before the meeting.")
    elif not posted and today >= meeting.date - timedelta(days=1):
        handbook_warning = _("Not posted yet, and the meeting is less than one day away.")
    report = meeting.resolution_posted_on
    report_warning = ""
    if report and report > meeting.date + timedelta(days=2):
        report_warning = _("Reported more than two days after the meeting.")
    elif not report and today > meeting.date + timedelta(days=2):
        report_warning = _("Not reported yet, more than two days after the meeting.")
    return [
        ChecklistStep(
            _("Content and draft resolution assigned"),
            None,
            "" if meeting.prepared_by_id or not preparing else _("Nobody assigned yet."),
        ),
        ChecklistStep(_("Committee agreed the content"), meeting.content_agreed_on),
        ChecklistStep(_("Members and superior committee notified"), meeting.notified_on),
        ChecklistStep(_("Documents posted on the electronic handbook"), posted, handbook_warning),
        ChecklistStep(_("Resolution posted and reported"), report, report_warning),
    ]


@dataclass
class MonthCell:
    month: date
    regular: Meeting | None
    others: list


def year_overview(*, cell: Cell, meetings: list[Meeting], year: int) -> dict:
    """Twelve months with their regular meeting (or a gap), and quarters without a thematic one."""
    months = [MonthCell(date(year, m, 1), None, []) for m in range(1, 13)]
    for meeting in meetings:
        slot = months[meeting.month.month - 1]
        if meeting.kind == Meeting.Kind.REGULAR:
            slot.regular = meeting
        else:
            slot.others.append(meeting)
    thematic_quarters = {(m.month.month - 1) // 3 + 1 for m in meetings if m.kind == Meeting.Kind.THEMATIC}
    today = timezone.localdate()
    past_quarters = [q for q in range(1, 5) if date(year, 3 * q - 2, 1) <= today]
    return {
        "months": months,
        "missing_regular": [m.month for m in months if m.regular is None and m.month <= today],
        "quarters_without_thematic": [q for q in past_quarters if q not in thematic_quarters],
    }


# The record of a held meeting --------------------------------------------------------------


@dataclass
class AttendanceRow:
    member: Member
    attendance: Attendance | None
    counted: bool
    why: str

    @property
    def status(self) -> str:
        return self.attendance.status if self.attendance else ""

    @property
    def present(self) -> bool:
        return bool(self.attendance and self.attendance.is_present)


@dataclass
class AttendanceSheet:
    """Every member of the cell on the meeting's date, the counts the minutes need, and the vote base."""

    rows: list[AttendanceRow]
    total: int = 0
    official: int = 0
    probationary: int = 0
    exempt: int = 0
    temporary: int = 0
    present: int = 0
    excused: int = 0
    unexcused: int = 0
    recorded: bool = False
    base: int = 0

    @property
    def threshold(self) -> int:
        """More than half of the members counted (QĐ 232): floor(base / 2) + 1."""
        return self.base // 2 + 1

    @property
    def absent(self) -> int:
        return self.excused + self.unexcused

    def names(self, status: str) -> list[str]:
        return [row.member.full_name for row in self.rows if row.status == status]

    @property
    def not_recorded(self) -> list[Member]:
        return [row.member for row in self.rows if row.attendance is None]


def cell_members_on(cell: Cell, on: date) -> list[Member]:
    return sort_by_name(active_members(cell.pk, on))


def attendance_sheet(meeting: Meeting, members: list[Member] | None = None) -> AttendanceSheet:
    """Who is counted in the vote base and why (domain.md, Quy định 232-QĐ/TW point 9.3).

    Counted: official members summoned, minus those held elsewhere, absent exempt members,
    suspended or detained members, and those absent all meeting with an accepted reason.
    An exempt member who attends is counted; probationary and hosted members never are.
    """
    on = meeting.date
    members = members if members is not None else cell_members_on(meeting.cell, on)
    marks = {a.member_id: a for a in meeting.attendance.all()}
    sheet = AttendanceSheet(rows=[], recorded=bool(marks))
    for member in members:
        mark = marks.get(member.pk)
        status = member.vote_status(on)
        present = bool(mark and mark.is_present)
        exempt = member.exempt_since is not None and member.exempt_since <= on
        if not status.entitled:
            counted, why = False, status.reason
        elif exempt:
            counted = present
            why = _("exempt member who attends: counted") if present else _("exempt member, absent: not counted")
        elif mark and mark.status == Attendance.Status.EXCUSED:
            counted, why = False, _("absent all meeting with an accepted reason: not counted")
        elif mark and mark.status == Attendance.Status.UNEXCUSED:
            counted, why = True, _("absent without a reason: still counted")
        else:
            counted, why = True, status.reason
        sheet.rows.append(AttendanceRow(member, mark, counted, why))
        sheet.total += 1
        if member.is_official_on(on):
            sheet.official += 1
        else:
            sheet.probationary += 1
        sheet.exempt += exempt
        sheet.temporary += member.temporary == Member.Temporary.HOSTED or member.is_away_on(on)
        sheet.present += present
        sheet.excused += bool(mark and mark.status == Attendance.Status.EXCUSED)
        sheet.unexcused += bool(mark and mark.status == Attendance.Status.UNEXCUSED)
        sheet.base += counted
    return sheet


# The agenda and the record of one meeting, read by lookups compiled once per worker (core.prepared) and left
# where ``with_agenda`` and ``with_record`` leave them: the meeting pages ask for them on every view.
_items = Prepared(
    lambda meeting: AgendaItem.objects.select_related("presenter").filter(meeting_id=meeting), meeting=-7_100_031
)
_item_documents = Prepared(
    lambda meeting: (
        AgendaItem.documents.through.objects.filter(agendaitem__meeting_id=meeting)
        .select_related("guidingdocument")
        .order_by("-guidingdocument__issued_on", "guidingdocument__number", "pk")
    ),
    meeting=-7_100_032,
)
_speeches = Prepared(
    lambda meeting: Speech.objects.select_related("member").filter(item__meeting_id=meeting), meeting=-7_100_033
)
_attendance = Prepared(  # the marks only: the attendance sheet puts them beside the cell's members it reads
    lambda meeting: Attendance.objects.filter(meeting_id=meeting).order_by("pk"),
    meeting=-7_100_034,
)


def meeting_lookup(build_meetings):
    """``build_meetings(**values)`` → a queryset of at most one meeting; the lookup selects its people."""
    return lambda **values: build_meetings(**values).select_related(*MEETING_PEOPLE)


def load_agenda(meeting: Meeting, *, record: bool = False, documents: bool = True) -> Meeting:
    """The meeting's items with their presenter and guiding documents (``record``: also their speeches and the
    attendance marks, without the member each names), as ``with_agenda`` and ``with_record`` prefetch them.
    Without ``documents``, an item's documents are read when asked for."""
    items = _items(meeting=meeting.pk)
    by_item: dict[int, list] = {}
    for link in _item_documents(meeting=meeting.pk) if documents else []:
        by_item.setdefault(link.agendaitem_id, []).append(link.guidingdocument)
    speeches: dict[int, list] = {}
    if record:
        for speech in _speeches(meeting=meeting.pk):
            speeches.setdefault(speech.item_id, []).append(speech)
        marks = _attendance(meeting=meeting.pk)
        for mark in marks:
            mark.meeting = meeting
        attach(meeting, "attendance", marks)
    for item in items:
        item.meeting = meeting
        if documents:
            attach(item, "documents", by_item.get(item.pk, []))
        if record:
            for speech in speeches.get(item.pk, []):
                speech.item = item
            attach(item, "speeches", speeches.get(item.pk, []))
    attach(meeting, "items", items)
    return meeting


def with_record(meetings):
    """Shape meetings for the record pages, the minutes and the resolution: no query per row."""
    items = AgendaItem.objects.select_related("presenter").prefetch_related(
        "documents", Prefetch("speeches", queryset=Speech.objects.select_related("member"))
    )
    return meetings.select_related(*MEETING_PEOPLE).prefetch_related(
        Prefetch("items", queryset=items),
        Prefetch("attendance", queryset=Attendance.objects.select_related("member")),
    )


def record_of(meeting: Meeting) -> MeetingRecord | None:
    """The meeting's record with its tasks and reviews loaded, or None before recording starts."""
    return (
        MeetingRecord.objects.filter(meeting=meeting)
        .select_related("approved_by__member")
        .prefetch_related(
            Prefetch("tasks", queryset=ResolutionTask.objects.select_related("owner")),
            Prefetch("reviews", queryset=TaskReview.objects.select_related("task__owner")),
            Prefetch("addenda", queryset=Addendum.objects.select_related("created_by__member")),
        )
        .first()
    )


def record_summary(meeting: Meeting) -> MeetingRecord | None:
    """The meeting's record as its record page shows it (approval, vote, score, corrections): without
    the resolution's tasks and reviews that ``record_of`` loads, two queries the page never used."""
    found = _record_summary(meeting=meeting.pk)
    if not found:
        return None
    record = found[0]
    attach(record, "addenda", _addenda(record=record.pk))
    return record


_record_summary = Prepared(  # the record page asks on every view: compiled once per worker (core.prepared)
    lambda meeting: (
        MeetingRecord.objects.filter(meeting_id=meeting).select_related("approved_by__member").order_by("pk")
    ),
    meeting=-7_100_021,
)
_addenda = Prepared(
    lambda record: Addendum.objects.filter(record_id=record).select_related("created_by__member"), record=-7_100_022
)


def previous_regular(meeting: Meeting) -> Meeting | None:
    return (
        Meeting.objects.filter(cell=meeting.cell, kind=Meeting.Kind.REGULAR, month__lt=meeting.month)
        .order_by("-month")
        .first()
    )


def tasks_to_review(meeting: Meeting) -> list[ResolutionTask]:
    """The tasks of the previous regular meeting's resolution, reviewed item by item at this one."""
    previous = previous_regular(meeting)
    if previous is None:
        return []
    return list(ResolutionTask.objects.filter(record__meeting=previous).select_related("owner"))


def not_spoken(meeting: Meeting, sheet: AttendanceSheet) -> list[Member]:
    """Members present who have neither spoken nor presented an item taken up so far (its record written, its
    time noted or under way), so the chair can invite them."""
    spoke = {speech.member_id for item in meeting.items.all() for speech in item.speeches.all()}
    spoke |= {
        item.presenter_id
        for item in meeting.items.all()
        if item.presenter_id and (item.record.strip() or item.actual_minutes or item.started_at)
    }
    return [row.member for row in sheet.rows if row.present and row.member.pk not in spoke]


@dataclass
class Participation:
    member: Member
    could_attend: int = 0  # meetings of the period held while a member of the cell, thematic ones included
    attended: int = 0
    absent: int = 0
    speeches: int = 0
    silent_recently: bool = False

    @property
    def not_recorded(self) -> int:
        """Meetings the member could attend with no attendance mark for them."""
        return max(self.could_attend - self.attended - self.absent, 0)


def participation(*, cell: Cell, start: date, end: date) -> tuple[list[Participation], list[Meeting]]:
    """Per member over a period: meetings they could attend (every held meeting of the period while they
    were a member, regular, thematic or extraordinary), attended, absences, speeches; silent in the last
    three meetings."""
    meetings = list(
        Meeting.objects.filter(
            cell=cell, date__gte=start, date__lte=end, status__in=[Meeting.Status.HELD, Meeting.Status.APPROVED]
        ).order_by("date", "pk")
    )
    ids = [m.pk for m in meetings]
    rows = {m.pk: Participation(m) for m in cell_members_on(cell, end)}
    for row in rows.values():
        joined, left = row.member.admission_date, row.member.left_on
        row.could_attend = sum(1 for m in meetings if joined <= m.date and (left is None or m.date < left))
    for mark in Attendance.objects.filter(meeting_id__in=ids).values("member_id", "status"):
        row = rows.get(mark["member_id"])
        if row:
            if mark["status"] in Attendance.PRESENT_STATUSES:
                row.attended += 1
            else:
                row.absent += 1
    for speech in Speech.objects.filter(item__meeting_id__in=ids).values("member_id", "item__meeting_id"):
        row = rows.get(speech["member_id"])
        if row:
            row.speeches += 1
    last_three = ids[-3:]
    if len(last_three) == 3:
        spoke = set(Speech.objects.filter(item__meeting_id__in=last_three).values_list("member_id", flat=True))
        for row in rows.values():
            row.silent_recently = row.member.pk not in spoke
    return list(rows.values()), meetings


# The live screen ----------------------------------------------------------------------------


def clock(seconds: int) -> str:
    """A clock reading: 07:05, or 1:07:05 past the hour (static/js/live.js writes the same)."""
    hours, rest = divmod(max(0, int(seconds)), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


@dataclass
class LiveItem:
    item: AgendaItem
    number: int
    seconds: int  # minutes already recorded plus the run under way, in seconds
    running: bool

    @property
    def done(self) -> bool:
        return not self.running and self.item.actual_minutes is not None

    @property
    def clock(self) -> str:
        return clock(self.seconds)

    @property
    def planned_seconds(self) -> int:
        return self.item.planned_minutes * 60

    @property
    def over(self) -> bool:
        return self.seconds > self.item.planned_minutes * 60


@dataclass
class LiveState:
    """Where the meeting stands on the live screen: each item's clock, the meeting's, and the split."""

    items: list[LiveItem]
    now: object
    started_at: object = None
    ended_at: object = None
    current: LiveItem | None = None
    next: LiveItem | None = None
    planned: int = 0
    elapsed: int = 0  # seconds since the meeting started (or its length once ended)
    professional: int = 0  # seconds spent so far, by category
    party: int = 0
    planned_professional: int = 0
    planned_party: int = 0

    @property
    def professional_share(self) -> int:
        spent = self.professional + self.party
        return round(100 * self.professional / spent) if spent else 0

    @property
    def party_share(self) -> int:
        return 100 - self.professional_share if (self.professional + self.party) else 0

    @property
    def planned_professional_share(self) -> int:
        content = self.planned_professional + self.planned_party
        return round(100 * self.planned_professional / content) if content else 0

    @property
    def over(self) -> bool:
        return self.elapsed > self.planned * 60

    @property
    def clock(self) -> str:
        return clock(self.elapsed)

    @property
    def running(self) -> bool:
        return self.started_at is not None and self.ended_at is None

    @property
    def planned_seconds(self) -> int:
        return self.planned * 60


def live_state(meeting: Meeting, record: MeetingRecord | None, now=None) -> LiveState:
    """The live clocks from the items of a meeting shaped by ``with_record`` (no query)."""
    now = now or timezone.now()
    state = LiveState(items=[], now=now)
    if record is not None:
        state.started_at, state.ended_at = record.started_at, record.ended_at
        if record.started_at:
            state.elapsed = int(((record.ended_at or now) - record.started_at).total_seconds())
    after_current = False
    for number, item in enumerate(meeting.items.all(), start=1):
        running = item.started_at is not None
        seconds = (item.actual_minutes or 0) * 60
        if running:
            seconds += max(0, int((now - item.started_at).total_seconds()))
        row = LiveItem(item, number, seconds, running)
        state.items.append(row)
        state.planned += item.planned_minutes
        if item.category == Category.PROFESSIONAL:
            state.professional += seconds
            state.planned_professional += item.planned_minutes
        elif item.category == Category.PARTY:
            state.party += seconds
            state.planned_party += item.planned_minutes
        if running:
            state.current, after_current = row, True
        elif after_current and state.next is None:
            state.next = row
    if state.current is None and state.ended_at is None and state.items:
        state.next = state.items[0]  # not started yet: the meeting starts with its first item
    return state
