"""Preparing the month's meeting: the standard order, the agenda and its items, publishing, status."""

import calendar
from datetime import date, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.db import unique_or
from documents.models import DocumentType
from documents.services import document_freeze, document_number_take
from evaluations.models import MonthlyReview
from meetings import notifications
from meetings.models import (
    AgendaItem,
    Meeting,
    Section,
    StandardAgendaItem,
)
from meetings.pdf import agenda_printable
from meetings.selectors import with_agenda
from meetings.standard_agenda import DEFAULT_STANDARD_AGENDA
from members.models import AuditEntry, Cell, Member
from members.services import audit_record, swap_with_neighbour


class EditConflict(Exception):
    """Someone else saved the agenda since this page was opened."""


def standard_agenda(cell: Cell) -> list[StandardAgendaItem]:
    """The cell's standard order; the default order is copied in on first use."""
    steps = list(StandardAgendaItem.objects.filter(cell=cell))
    if not steps:
        StandardAgendaItem.objects.bulk_create(
            StandardAgendaItem(
                cell=cell, section=section, position=n, title=title, category=cat, default_minutes=mins, key=key
            )
            for n, (section, title, cat, mins, key) in enumerate(DEFAULT_STANDARD_AGENDA, start=1)
        )
        steps = list(StandardAgendaItem.objects.filter(cell=cell))
    return steps


@transaction.atomic
def meeting_prepare(*, cell: Cell, month: date, by) -> Meeting:
    """Create the regular meeting of ``month`` with the standard agenda, in one step.

    Date, time, place and minute-taker follow the last regular meeting; the chair is the
    secretary and the deputy prepares the content and the draft resolution.
    """
    month = month.replace(day=1)
    already = _("The regular meeting of %(month)s is already prepared.") % {"month": f"{month:%m/%Y}"}
    if Meeting.objects.filter(cell=cell, month=month, kind=Meeting.Kind.REGULAR).exists():
        raise ValidationError(already)
    last = Meeting.objects.filter(cell=cell, kind=Meeting.Kind.REGULAR, month__lt=month).order_by("-month").first()
    leaders = {m.role: m for m in Member.objects.filter(cell=cell).active().filter(role__in=Member.MANAGER_ROLES)}
    day = min(last.date.day if last else 5, calendar.monthrange(month.year, month.month)[1])
    with unique_or(already):  # the same month prepared at the same moment in another request
        meeting = Meeting.objects.create(
            cell=cell,
            kind=Meeting.Kind.REGULAR,
            month=month,
            date=month.replace(day=day),
            start_time=last.start_time if last and last.start_time else time(14, 0),
            place=last.place if last else "",
            chair=leaders.get(Member.Role.SECRETARY),
            minute_taker=last.minute_taker if last else None,
            prepared_by=leaders.get(Member.Role.DEPUTY),
        )
    # Who presents a content step follows the last meeting (the same step, by title), so the programme
    # names a presenter for every item; the procedure is the chair's.
    still_here = Member.objects.filter(cell=cell).active()
    items = last.items.filter(section=Section.CONTENT, presenter__in=still_here) if last else AgendaItem.objects.none()
    presented = dict(items.values_list("title", "presenter"))
    AgendaItem.objects.bulk_create(
        AgendaItem(
            meeting=meeting,
            section=step.section,
            position=step.position,
            title=step.title,
            category=step.category,
            planned_minutes=step.default_minutes,
            key=step.key,
            presenter_id=presented.get(step.title) if step.section == Section.CONTENT else meeting.chair_id,
        )
        for step in standard_agenda(cell)
    )
    audit_record(actor=by, cell=cell, instance=meeting, action=AuditEntry.Action.CREATE)
    # Review sheets confirmed while no meeting was left to take them (their month's was held, the next not
    # prepared): their proposals go to this one (evaluations.selectors.route_review).
    MonthlyReview.objects.filter(
        cell=cell, status=MonthlyReview.Status.CONFIRMED, meeting__isnull=True, month__lte=month
    ).update(meeting=meeting)
    return meeting


def _claim_version(meeting: Meeting, expected_version: int) -> None:
    """Compare-and-swap on the meeting's version: the second of two editors is refused."""
    updated = Meeting.objects.filter(pk=meeting.pk, version=expected_version).update(
        version=F("version") + 1, updated_at=timezone.now()
    )
    if not updated:
        raise EditConflict
    meeting.version = expected_version + 1


def _check_editable(meeting: Meeting) -> None:
    if not meeting.agenda_editable:
        raise ValidationError(_("The meeting has been held: its agenda can no longer be changed."))


def _log_agenda_change(meeting: Meeting, by, changes: dict) -> None:
    """Every change to an agenda is logged, in a draft as after publication."""
    if changes:
        audit_record(actor=by, cell=meeting.cell, instance=meeting, action=AuditEntry.Action.UPDATE, changes=changes)


@transaction.atomic
def agenda_item_save(*, meeting: Meeting, item: AgendaItem, expected_version: int, changes: dict, by) -> AgendaItem:
    """Add or change one agenda item; refused if the agenda changed since it was opened."""
    _check_editable(meeting)
    _claim_version(meeting, expected_version)
    if item.pk is None:
        item.meeting = meeting
        last = meeting.items.filter(section=item.section).aggregate(last=Max("position"))["last"]
        item.position = (last or 0) + 1
    item.save()
    _log_agenda_change(meeting, by, {f"item|{item.title}|{k}": v for k, v in changes.items()})
    return item


@transaction.atomic
def agenda_item_delete(*, meeting: Meeting, item: AgendaItem, expected_version: int, by) -> None:
    _check_editable(meeting)
    _claim_version(meeting, expected_version)
    _log_agenda_change(meeting, by, {gettext_noop("removed item"): (item.title, None)})
    item.delete()


@transaction.atomic
def agenda_item_move(*, meeting: Meeting, item: AgendaItem, up: bool, expected_version: int, by) -> None:
    """Swap an item with its neighbour within its section."""
    _check_editable(meeting)
    _claim_version(meeting, expected_version)
    swap_with_neighbour(meeting.items.filter(section=item.section), item, up)
    _log_agenda_change(meeting, by, {gettext_noop("moved item"): (item.title, "↑" if up else "↓")})


@transaction.atomic
def meeting_update(*, meeting: Meeting, expected_version: int, changes: dict, by) -> Meeting:
    _check_editable(meeting)
    _claim_version(meeting, expected_version)
    meeting.save()
    _log_agenda_change(meeting, by, changes)
    return meeting


@transaction.atomic
def resolution_posted_save(*, meeting: Meeting, on: date, by) -> Meeting:
    """Record the day the held meeting's resolution was posted and reported upward (logged)."""
    if meeting.status not in (Meeting.Status.HELD, Meeting.Status.APPROVED):
        raise ValidationError(_("Only the resolution of a held meeting can be posted."))
    before = meeting.resolution_posted_on
    if before == on:
        return meeting
    meeting.resolution_posted_on = on
    meeting.save(update_fields=["resolution_posted_on", "updated_at"])
    audit_record(
        actor=by,
        cell=meeting.cell,
        instance=meeting,
        action=AuditEntry.Action.UPDATE,
        changes={gettext_noop("resolution posted and reported on"): (before, on)},
    )
    return meeting


@transaction.atomic
def meeting_publish(*, meeting: Meeting, by) -> Meeting:
    """Make the agenda visible to every member; records who and when."""
    if meeting.status != Meeting.Status.DRAFT:
        raise ValidationError(_("Only a draft agenda can be published."))
    if not meeting.items.exists():
        raise ValidationError(_("An empty agenda cannot be published: add its items first."))
    meeting.status = Meeting.Status.PUBLISHED
    meeting.published_at = timezone.now()
    meeting.published_by = by
    meeting.version += 1
    if meeting.agenda_number is None:
        meeting.agenda_number = document_number_take(cell=meeting.cell, doc_type=DocumentType.PROGRAMME)
    meeting.save(update_fields=["status", "published_at", "published_by", "version", "agenda_number", "updated_at"])
    audit_record(
        actor=by,
        cell=meeting.cell,
        instance=meeting,
        action=AuditEntry.Action.UPDATE,
        changes={"status": ("draft", "published")},
    )
    notifications.agenda_published(meeting)  # mail to the cell's members, after commit
    return meeting


ALLOWED_MOVES = {
    Meeting.Status.DRAFT: {Meeting.Status.PUBLISHED},
    Meeting.Status.PUBLISHED: {Meeting.Status.HELD},
    Meeting.Status.HELD: {Meeting.Status.APPROVED},
    Meeting.Status.APPROVED: set(),
}


@transaction.atomic
def meeting_set_status(*, meeting: Meeting, to: str, by) -> Meeting:
    """The one place that moves a meeting along draft → published → held → approved."""
    if to == Meeting.Status.PUBLISHED:
        return meeting_publish(meeting=meeting, by=by)
    if to not in ALLOWED_MOVES[meeting.status]:
        raise ValidationError(
            _("A meeting cannot go from “%(from)s” to “%(to)s”.")
            % {"from": meeting.get_status_display(), "to": Meeting.Status(to).label}
        )
    old = meeting.status
    meeting.status = to
    meeting.version += 1
    meeting.save(update_fields=["status", "version", "updated_at"])
    audit_record(
        actor=by, cell=meeting.cell, instance=meeting, action=AuditEntry.Action.UPDATE, changes={"status": (old, to)}
    )
    if to == Meeting.Status.HELD:  # the agenda can no longer change: the programme is kept as it stands
        document_freeze(printable=agenda_printable(with_agenda(Meeting.objects).get(pk=meeting.pk)))
    return meeting
