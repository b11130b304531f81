"""The live screen of a meeting: the clock of each item and of the meeting, the show-of-hands vote,
the minutes' revisions.

The server keeps the times: the item under way has ``started_at``; when another item starts or the
meeting ends, the minutes it ran are added to its ``actual_minutes``. Every write is audited and
refused once the minutes are approved (``unlocked``)."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.models import AgendaItem, Meeting, MeetingRecord, MinutesRevision
from meetings.services.record import _log_record_change, _record, unlocked

MAX_ITEM_MINUTES = 600


def _minutes_between(start, end) -> int:
    """Whole minutes an item ran, to the nearest minute (a started item took at least one minute)."""
    return max(1, round((end - start).total_seconds() / 60))


def _stop_running(meeting: Meeting, now, changes: dict) -> None:
    for item in AgendaItem.objects.filter(meeting=meeting, started_at__isnull=False).select_for_update():
        old = item.actual_minutes
        item.actual_minutes = min(MAX_ITEM_MINUTES, (old or 0) + _minutes_between(item.started_at, now))
        item.started_at = None
        item.save(update_fields=["actual_minutes", "started_at"])
        changes[f"item|{item.title}|actual_minutes"] = (old, item.actual_minutes)


def _check_held(meeting: Meeting) -> None:
    if meeting.status != Meeting.Status.HELD:
        raise ValidationError(_("Only a meeting under way can be run on the live screen."))


@unlocked("live")
def live_item_start(*, meeting: Meeting, item: AgendaItem, by) -> MeetingRecord:
    """Move the meeting to ``item``: the item under way stops (its minutes are added), ``item`` starts.
    The first item started also starts the meeting: its opening time is now."""
    _check_held(meeting)
    if item.meeting_id != meeting.pk:
        raise ValidationError(_("This item is not on the agenda of this meeting."))
    record = MeetingRecord.objects.select_for_update().get(pk=_record(meeting).pk)
    if record.ended_at is not None:
        raise ValidationError(_("The meeting has ended: its times are recorded."))
    now = timezone.now()
    changes = {}
    if record.started_at is None:
        record.started_at = now
        old = record.opened_at
        record.opened_at = timezone.localtime(now).time().replace(second=0, microsecond=0)
        record.save(update_fields=["started_at", "opened_at", "updated_at"])
        changes["opened_at"] = (old, record.opened_at)
    _stop_running(meeting, now, changes)
    item.started_at = now
    item.save(update_fields=["started_at"])
    changes[f"item|{item.title}|started_at"] = (None, timezone.localtime(now).strftime("%H:%M"))
    _log_record_change(meeting, by, changes)
    return record


@unlocked("live")
def live_end(*, meeting: Meeting, by) -> MeetingRecord:
    """End the meeting: the item under way stops, the closing time is now."""
    _check_held(meeting)
    record = MeetingRecord.objects.select_for_update().get(pk=_record(meeting).pk)
    if record.started_at is None:
        raise ValidationError(_("The meeting has not started on the live screen yet."))
    if record.ended_at is not None:
        raise ValidationError(_("The meeting has already ended."))
    now = timezone.now()
    changes = {}
    _stop_running(meeting, now, changes)
    old = record.closed_at
    record.ended_at = now
    record.closed_at = timezone.localtime(now).time().replace(second=0, microsecond=0)
    if record.opened_at and record.closed_at <= record.opened_at:  # a meeting run within one minute
        record.closed_at = (timezone.localtime(now) + timedelta(minutes=1)).time().replace(second=0)
    record.save(update_fields=["ended_at", "closed_at", "updated_at"])
    changes["closed_at"] = (old, record.closed_at)
    _log_record_change(meeting, by, changes)
    return record


@unlocked("vote")
def live_vote(*, meeting: Meeting, voters_present: int, base: int, against: int, abstain: int, by) -> MeetingRecord:
    """The show of hands: every voter present is for, but the ``against`` and ``abstain`` counted."""
    _check_held(meeting)
    if against < 0 or abstain < 0:
        raise ValidationError(_("A number of votes cannot be negative."))
    if against + abstain > voters_present:
        raise ValidationError(
            _(
                "%(total)s votes against or abstaining were entered, but only %(present)s members present may "
                "vote. Check the vote and the attendance."
            )
            % {"total": against + abstain, "present": voters_present}
        )
    record = _record(meeting)
    votes = {"votes_for": voters_present - against - abstain, "votes_against": against, "votes_abstain": abstain}
    changes = {}
    for name, value in votes.items():
        if getattr(record, name) != value:
            changes[name] = (getattr(record, name), value)
            setattr(record, name, value)
    record.vote_base = base
    record.save()
    _log_record_change(meeting, by, changes)
    return record


@unlocked("minutes")
def minutes_rebuild(*, meeting: Meeting, minutes_text: str, by) -> MeetingRecord:
    """Replace the minutes text by one drafted from the record; the text it replaces is kept as a revision."""
    record = _record(meeting)
    if record.minutes_text.strip() and record.minutes_text != minutes_text:
        MinutesRevision.objects.create(
            record=record, minutes_text=record.minutes_text, conclusion=record.conclusion, created_by=by
        )
    changes = {}
    if record.minutes_text != minutes_text:
        changes["minutes_rebuilt"] = (len(record.minutes_text), len(minutes_text))
    record.minutes_text = minutes_text
    record.save(update_fields=["minutes_text", "updated_at"])
    _log_record_change(meeting, by, changes)
    return record


@unlocked("minutes")
def minutes_restore(*, meeting: Meeting, revision: MinutesRevision, by) -> MeetingRecord:
    """Bring back an earlier text; the text it replaces is kept as a revision in turn."""
    record = _record(meeting)
    if revision.record_id != record.pk:
        raise ValidationError(_("This text belongs to the minutes of another meeting."))
    if (record.minutes_text, record.conclusion) == (revision.minutes_text, revision.conclusion):
        return record
    if record.minutes_text.strip() or record.conclusion.strip():
        MinutesRevision.objects.create(
            record=record, minutes_text=record.minutes_text, conclusion=record.conclusion, created_by=by
        )
    at = timezone.localtime(revision.created_at).strftime("%d/%m/%Y %H:%M")
    record.minutes_text, record.conclusion = revision.minutes_text, revision.conclusion
    record.save(update_fields=["minutes_text", "conclusion", "updated_at"])
    _log_record_change(meeting, by, {"minutes_restored": (None, at)})
    return record
