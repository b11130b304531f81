"""The meetings app's pages, one module per activity: ``agenda`` (preparing the month's meeting),
``record`` (recording it), ``minutes`` (minutes and resolution documents), ``guiding_documents``,
``participation``, ``settings`` (the standard order, the scoring sheet); ``access`` decides who may
see or change what. The names are re-exported here, so ``meetings.views.meeting_detail`` still works.
"""

from meetings.views.access import (
    get_editable_meeting,
    get_meeting_for_user,
    get_record_for_user,
    get_recordable_meeting,
    may_record,
)
from meetings.views.agenda import (
    agenda_pdf,
    item_add,
    item_delete,
    item_edit,
    item_move,
    meeting_create,
    meeting_detail,
    meeting_edit,
    meeting_list,
    meeting_prepare,
    meeting_publish,
    resolution_posted,
)
from meetings.views.guiding_documents import document_form, document_list
from meetings.views.live import live, live_end, live_item, live_speech, live_vote
from meetings.views.minutes import (
    addendum_add,
    minutes,
    minutes_approve,
    minutes_draft,
    minutes_pdf,
    minutes_restore,
    minutes_revisions,
    resolution_pdf,
)
from meetings.views.participation import participation_view
from meetings.views.record import (
    attendance,
    item_record,
    meeting_hold,
    meeting_record,
    resolution,
    speech_add,
    speech_delete,
)

__all__ = [
    "addendum_add",
    "agenda_pdf",
    "attendance",
    "document_form",
    "document_list",
    "get_editable_meeting",
    "get_meeting_for_user",
    "get_record_for_user",
    "get_recordable_meeting",
    "item_add",
    "item_delete",
    "item_edit",
    "item_move",
    "item_record",
    "live",
    "live_end",
    "live_item",
    "live_speech",
    "live_vote",
    "may_record",
    "meeting_create",
    "meeting_detail",
    "meeting_edit",
    "meeting_hold",
    "meeting_list",
    "meeting_prepare",
    "meeting_publish",
    "resolution_posted",
    "meeting_record",
    "minutes",
    "minutes_approve",
    "minutes_draft",
    "minutes_pdf",
    "minutes_restore",
    "minutes_revisions",
    "participation_view",
    "resolution",
    "resolution_pdf",
    "speech_add",
    "speech_delete",
]
