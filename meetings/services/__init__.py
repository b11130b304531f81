"""Writes of the meetings app, by activity: ``agenda`` (preparing and publishing the meeting) and
``record`` (recording it, the resolution and the minutes). Re-exported here: ``from meetings import
services; services.meeting_publish(...)`` keeps working."""

from core.months import month_after
from documents.services import document_number_take
from meetings.services.agenda import (
    ALLOWED_MOVES,
    EditConflict,
    agenda_item_delete,
    agenda_item_move,
    agenda_item_save,
    meeting_prepare,
    meeting_publish,
    meeting_set_status,
    meeting_update,
    resolution_posted_save,
    standard_agenda,
)
from meetings.services.live import live_end, live_item_start, live_vote, minutes_rebuild, minutes_restore
from meetings.services.record import (
    RecordLocked,
    addendum_add,
    attendance_save,
    item_record_save,
    meeting_hold,
    minutes_approve,
    minutes_save,
    refuse_if_locked,
    resolution_save,
    scoring_sheet,
    speech_add,
    speech_delete,
    unlocked,
)

__all__ = [
    "ALLOWED_MOVES",
    "EditConflict",
    "RecordLocked",
    "addendum_add",
    "agenda_item_delete",
    "agenda_item_move",
    "agenda_item_save",
    "attendance_save",
    "document_number_take",
    "item_record_save",
    "live_end",
    "live_item_start",
    "live_vote",
    "meeting_hold",
    "meeting_prepare",
    "meeting_publish",
    "meeting_set_status",
    "meeting_update",
    "resolution_posted_save",
    "minutes_approve",
    "minutes_rebuild",
    "minutes_restore",
    "minutes_save",
    "month_after",
    "refuse_if_locked",
    "resolution_save",
    "scoring_sheet",
    "speech_add",
    "speech_delete",
    "standard_agenda",
    "unlocked",
]
