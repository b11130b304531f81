import calendar
import functools
from datetime import date, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.months import month_after  # noqa: F401 (also imported from here)
from documents.models import DocumentType
from documents.services import document_number_take
from meetings.models import (
    Addendum,
    AgendaItem,
    Attendance,
    Meeting,
    MeetingRecord,
    ResolutionTask,
    ScoringCriterion,
    Section,
    Speech,
    StandardAgendaItem,
    TaskReview,
)
from meetings.standard_agenda import DEFAULT_SCORING_SHEET, DEFAULT_STANDARD_AGENDA
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
    if Meeting.objects.filter(cell=cell, month=month, kind=Meeting.Kind.REGULAR).exists():
        raise ValidationError(_("The regular meeting of %(month)s is already prepared.") % {"month": f"{month:%m/%Y}"})
    last = Meeting.objects.filter(cell=cell, kind=Meeting.Kind.REGULAR, month__lt=month).order_by("-month").first()
    leaders = {m.role: m for m in Member.objects.filter(cell=cell).active().filter(role__in=Member.MANAGER_ROLES)}
    day = min(last.date.day if last else 5, calendar.monthrange(month.year, month.month)[1])
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
    AgendaItem.objects.bulk_create(
        AgendaItem(
            meeting=meeting,
            section=step.section,
            position=step.position,
            title=step.title,
            category=step.category,
            planned_minutes=step.default_minutes,
            key=step.key,
            presenter=meeting.chair if step.section != Section.CONTENT else None,
        )
        for step in standard_agenda(cell)
    )
    audit_record(actor=by, cell=cell, instance=meeting, action=AuditEntry.Action.CREATE)
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


def _log_after_publish(meeting: Meeting, by, changes: dict) -> None:
    if meeting.is_published:
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
    _log_after_publish(meeting, by, {f"item {item.title}: {k}": v for k, v in changes.items()})
    return item


@transaction.atomic
def agenda_item_delete(*, meeting: Meeting, item: AgendaItem, expected_version: int, by) -> None:
    _check_editable(meeting)
    _claim_version(meeting, expected_version)
    _log_after_publish(meeting, by, {gettext_noop("removed item"): (item.title, None)})
    item.delete()


@transaction.atomic
def agenda_item_move(*, meeting: Meeting, item: AgendaItem, up: bool, expected_version: int, by) -> None:
    """Swap an item with its neighbour within its section."""
    _check_editable(meeting)
    _claim_version(meeting, expected_version)
    swap_with_neighbour(meeting.items.filter(section=item.section), item, up)
    _log_after_publish(meeting, by, {gettext_noop("moved item"): (item.title, "↑" if up else "↓")})


@transaction.atomic
def meeting_update(*, meeting: Meeting, expected_version: int, changes: dict, by) -> Meeting:
    _check_editable(meeting)
    _claim_version(meeting, expected_version)
    meeting.save()
    _log_after_publish(meeting, by, changes)
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
    return meeting


# Recording a held meeting ----------------------------------------------------------------


class RecordLocked(Exception):
    """Approved minutes and resolution cannot change; a correction is an addendum."""

    def __init__(self):
        super().__init__(
            _(
                "The minutes and resolution of this meeting are approved and locked: nothing was changed. "
                "Add a correction as an addendum instead."
            )
        )


def _log_record_change(meeting: Meeting, by, changes: dict) -> None:
    if changes:
        audit_record(actor=by, cell=meeting.cell, instance=meeting, action=AuditEntry.Action.UPDATE, changes=changes)


def refuse_if_locked(*, meeting: Meeting, by, what: str) -> None:
    """Read the status afresh (a stale object or crafted POST must not get through) and log a refusal."""
    if Meeting.objects.filter(pk=meeting.pk, status=Meeting.Status.APPROVED).exists():
        audit_record(
            actor=by,
            cell=meeting.cell,
            instance=meeting,
            action=AuditEntry.Action.REFUSED,
            changes={what: (None, None)},
        )
        raise RecordLocked


def unlocked(what: str):
    """Run a record service in one transaction, after refusing (and logging) any change to a locked record.

    The refusal is written outside the service's transaction so that it is kept.
    """

    def decorate(func):
        atomic = transaction.atomic(func)

        @functools.wraps(func)
        def run(*, meeting: Meeting, by, **kwargs):
            refuse_if_locked(meeting=meeting, by=by, what=what)
            return atomic(meeting=meeting, by=by, **kwargs)

        return run

    return decorate


@transaction.atomic
def meeting_hold(*, meeting: Meeting, by) -> MeetingRecord:
    """The meeting takes place: recording starts and the agenda is frozen."""
    meeting_set_status(meeting=meeting, to=Meeting.Status.HELD, by=by)
    record, _created = MeetingRecord.objects.get_or_create(meeting=meeting, defaults={"opened_at": meeting.start_time})
    return record


def _record(meeting: Meeting) -> MeetingRecord:
    record, _created = MeetingRecord.objects.get_or_create(meeting=meeting, defaults={"opened_at": meeting.start_time})
    return record


@unlocked("attendance")
def attendance_save(*, meeting: Meeting, marks: dict, details: dict, by) -> None:
    """``marks`` maps a member of the cell to (status, reason); ``details`` the opening, closing, guests and dues."""
    record = _record(meeting)
    existing = {a.member_id: a for a in meeting.attendance.all()}
    changes = {}
    for member, (status, reason) in marks.items():
        if member.cell_id != meeting.cell_id:
            raise ValidationError(_("%(name)s is not a member of this cell.") % {"name": member.full_name})
        old = existing.get(member.pk)
        if old is None:
            Attendance.objects.create(meeting=meeting, member=member, status=status, reason=reason)
            changes[member.full_name] = (None, status)
        elif (old.status, old.reason) != (status, reason):
            changes[member.full_name] = (old.status, status)
            old.status, old.reason = status, reason
            old.save(update_fields=["status", "reason"])
    for name, value in details.items():
        if getattr(record, name) != value:
            changes[name] = (getattr(record, name), value)
            setattr(record, name, value)
    record.save()
    _log_record_change(meeting, by, changes)


@unlocked("item record")
def item_record_save(*, meeting: Meeting, item: AgendaItem, record: str, actual_minutes: int | None, by) -> None:
    changes = {}
    if item.record != record:
        changes[f"{item.title}: record"] = (item.record, record)
    if item.actual_minutes != actual_minutes:
        changes[f"{item.title}: actual minutes"] = (item.actual_minutes, actual_minutes)
    item.record, item.actual_minutes = record, actual_minutes
    item.save(update_fields=["record", "actual_minutes"])
    _log_record_change(meeting, by, changes)


@unlocked("speech")
def speech_add(*, meeting: Meeting, item: AgendaItem, member: Member, summary: str, by) -> Speech:
    if member.cell_id != meeting.cell_id:
        raise ValidationError(_("%(name)s is not a member of this cell.") % {"name": member.full_name})
    speech = Speech.objects.create(item=item, member=member, summary=summary)
    _log_record_change(meeting, by, {f"speech by {member.full_name}": (None, summary)})
    return speech


@unlocked("speech")
def speech_delete(*, meeting: Meeting, speech: Speech, by) -> None:
    _log_record_change(meeting, by, {f"speech by {speech.member.full_name}": (speech.summary, None)})
    speech.delete()


def scoring_sheet(cell: Cell) -> list[ScoringCriterion]:
    """The cell's meeting quality sheet; the local HD 42 sheet is copied in on first use."""
    criteria = list(ScoringCriterion.objects.filter(cell=cell))
    if not criteria:
        ScoringCriterion.objects.bulk_create(
            ScoringCriterion(cell=cell, position=n, label=label, max_points=points)
            for n, (label, points) in enumerate(DEFAULT_SCORING_SHEET, start=1)
        )
        criteria = list(ScoringCriterion.objects.filter(cell=cell))
    return criteria


@unlocked("resolution")
def resolution_save(*, meeting: Meeting, fields: dict, scores: list, tasks: list, reviews: list, base: int, by):
    """Save the resolution: texts, the vote against the vote base, scores, next month's tasks, last month's review.

    ``tasks`` is a list of (task or None, content, owner, deadline, delete); ``reviews`` of (task, result, note).
    """
    record = _record(meeting)
    changes = {}
    for name, value in fields.items():
        if getattr(record, name) != value:
            changes[name] = (getattr(record, name), value)
            setattr(record, name, value)
    if record.quality_scores != scores:
        changes[gettext_noop("quality score")] = (
            sum(r["points"] for r in record.quality_scores),
            sum(r["points"] for r in scores),
        )
        record.quality_scores = scores
    record.vote_base = base
    record.save()
    for task, content, owner, deadline, delete in tasks:
        if task is not None and delete:
            changes[f"task {task.content}"] = (task.content, None)
            task.delete()
        elif task is not None:
            if (task.content, task.owner_id, task.deadline) != (content, owner and owner.pk, deadline):
                changes[f"task {content}"] = (task.content, content)
                task.content, task.owner, task.deadline = content, owner, deadline
                task.save()
        elif content and not delete:
            ResolutionTask.objects.create(record=record, content=content, owner=owner, deadline=deadline)
            changes[f"task {content}"] = (None, content)
    for task, result, note in reviews:
        TaskReview.objects.update_or_create(record=record, task=task, defaults={"result": result, "note": note})
    _log_record_change(meeting, by, changes)
    return record


@unlocked("minutes")
def minutes_save(*, meeting: Meeting, minutes_text: str, conclusion: str, by) -> MeetingRecord:
    record = _record(meeting)
    changes = {}
    if record.minutes_text != minutes_text:
        changes[gettext_noop("minutes text (characters)")] = (len(record.minutes_text), len(minutes_text))
    if record.conclusion != conclusion:
        changes[gettext_noop("conclusion")] = (record.conclusion, conclusion)
    record.minutes_text, record.conclusion = minutes_text, conclusion
    record.save(update_fields=["minutes_text", "conclusion", "updated_at"])
    _log_record_change(meeting, by, changes)
    return record


@unlocked("approve")
def minutes_approve(*, meeting: Meeting, by) -> MeetingRecord:
    """The secretary approves: minutes and resolution get their numbers and are locked for good."""
    if meeting.status != Meeting.Status.HELD:
        raise ValidationError(_("Only the minutes of a held meeting can be approved."))
    if not meeting.attendance.exists():
        raise ValidationError(_("Record the attendance before approving the minutes."))
    record = _record(meeting)
    if not record.minutes_text.strip():
        raise ValidationError(_("The minutes are empty: draft them from the record first."))
    if record.closed_at is None:
        raise ValidationError(_("Enter the closing time before approving the minutes."))
    record.minutes_number = record.minutes_number or document_number_take(cell=meeting.cell, doc_type="BB")
    record.resolution_number = record.resolution_number or document_number_take(cell=meeting.cell, doc_type="NQ")
    record.status = MeetingRecord.Status.APPROVED
    record.approved_at = timezone.now()
    record.approved_by = by
    record.save()
    meeting_set_status(meeting=meeting, to=Meeting.Status.APPROVED, by=by)
    return record


@transaction.atomic
def addendum_add(*, meeting: Meeting, text: str, by) -> Addendum:
    """A correction to approved minutes: a new, linked text; the original stays as it was."""
    record = meeting.record
    if not record.is_locked:
        raise ValidationError(_("The minutes are not approved yet: correct them directly."))
    addendum = Addendum.objects.create(record=record, text=text, created_by=by)
    audit_record(
        actor=by,
        cell=meeting.cell,
        instance=meeting,
        action=AuditEntry.Action.CREATE,
        changes={gettext_noop("addendum"): (None, text)},
    )
    return addendum
