"""Recording a held meeting: attendance, items, speeches, the resolution, the minutes and their addenda.

Every write refuses once the minutes are approved (``unlocked``), and the refusal is logged."""

import functools

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from documents.services import document_freeze, document_number_take
from meetings import notifications
from meetings.models import (
    Addendum,
    AgendaItem,
    Attendance,
    Meeting,
    MeetingRecord,
    ResolutionTask,
    ScoringCriterion,
    Speech,
    TaskReview,
)
from meetings.pdf import minutes_printable, resolution_printable
from meetings.selectors import with_record
from meetings.services.agenda import meeting_set_status
from meetings.standard_agenda import DEFAULT_SCORING_SHEET
from members.models import AuditEntry, Cell, Member
from members.services import audit_record


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
            changes[f"attendance|{member.full_name}"] = (None, status)
        elif (old.status, old.reason) != (status, reason):
            changes[f"attendance|{member.full_name}"] = (old.status, status)
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
        changes[f"item|{item.title}|record"] = (item.record, record)
    if item.actual_minutes != actual_minutes:
        changes[f"item|{item.title}|actual_minutes"] = (item.actual_minutes, actual_minutes)
    item.record, item.actual_minutes = record, actual_minutes
    item.save(update_fields=["record", "actual_minutes"])
    _log_record_change(meeting, by, changes)


@unlocked("speech")
def speech_add(*, meeting: Meeting, item: AgendaItem, member: Member, summary: str, by) -> Speech:
    if member.cell_id != meeting.cell_id:
        raise ValidationError(_("%(name)s is not a member of this cell.") % {"name": member.full_name})
    speech = Speech.objects.create(item=item, member=member, summary=summary)
    _log_record_change(meeting, by, {f"speech|{member.full_name}": (None, summary)})
    return speech


@unlocked("speech")
def speech_delete(*, meeting: Meeting, speech: Speech, by) -> None:
    _log_record_change(meeting, by, {f"speech|{speech.member.full_name}": (speech.summary, None)})
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
            changes[f"task|{task.content}"] = (task.content, None)
            task.delete()
        elif task is not None:
            if (task.content, task.owner_id, task.deadline) != (content, owner and owner.pk, deadline):
                changes[f"task|{content}"] = (task.content, content)
                task.content, task.owner, task.deadline = content, owner, deadline
                task.save()
        elif content and not delete:
            ResolutionTask.objects.create(record=record, content=content, owner=owner, deadline=deadline)
            changes[f"task|{content}"] = (None, content)
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
    if meeting.chair_id is None:
        raise ValidationError(_("Choose the chair before approving the minutes: the chair signs them."))
    if meeting.kind == Meeting.Kind.REGULAR and (record.votes_for is None or record.vote_base is None):
        raise ValidationError(_("Record the vote on the resolution before approving the minutes."))
    record.minutes_number = record.minutes_number or document_number_take(cell=meeting.cell, doc_type="BB")
    record.resolution_number = record.resolution_number or document_number_take(cell=meeting.cell, doc_type="NQ")
    record.status = MeetingRecord.Status.APPROVED
    record.approved_at = timezone.now()
    record.approved_by = by
    record.save()
    meeting_set_status(meeting=meeting, to=Meeting.Status.APPROVED, by=by)
    # The minutes and the resolution as approved, kept apart from the records they are printed from.
    shaped = with_record(Meeting.objects).get(pk=meeting.pk)
    document_freeze(printable=minutes_printable(shaped))
    document_freeze(printable=resolution_printable(shaped))
    notifications.minutes_approved(meeting)  # mail to the cell's members, after commit
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
