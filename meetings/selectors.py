from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.models import AgendaItem, Category, Meeting
from members.models import Cell


def meetings_for(member):
    """Meetings the member may see: the committee sees drafts, members only published ones."""
    meetings = Meeting.objects.filter(cell=member.cell)
    if not member.may_prepare:
        meetings = meetings.exclude(status=Meeting.Status.DRAFT)
    return meetings


def with_agenda(meetings):
    """Shape a meeting queryset for the agenda page and the PDF: no query per item."""
    items = AgendaItem.objects.select_related("presenter").prefetch_related("documents")
    return meetings.select_related("cell", "chair", "minute_taker", "prepared_by", "published_by").prefetch_related(
        Prefetch("items", queryset=items)
    )


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
    cell = meeting.cell
    minimum = cell.meeting_minutes_min_thematic if meeting.kind == Meeting.Kind.THEMATIC else cell.meeting_minutes_min
    if split.total < minimum:
        split.warnings.append(
            _("The meeting is planned for %(total)s minutes, less than the minimum of %(min)s minutes.")
            % {"total": split.total, "min": minimum}
        )
    share = split.professional_share
    if split.professional + split.party and not cell.professional_share_min <= share <= cell.professional_share_max:
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
    """The preparation steps of HD 42, with warnings where a step is late."""
    today = today or timezone.localdate()
    posted = meeting.handbook_posted_on
    handbook_warning = ""
    if posted and posted > meeting.date - timedelta(days=1):
        handbook_warning = _("Posted less than one day before the meeting.")
    elif not posted and today >= meeting.date - timedelta(days=1) and meeting.status != Meeting.Status.APPROVED:
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
            "" if meeting.prepared_by_id else _("Nobody assigned yet."),
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
