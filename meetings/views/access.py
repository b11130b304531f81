"""Who may see, edit and record a meeting: decided here for the whole app, first line of every view."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from core.prepared import Prepared
from meetings.models import (
    Meeting,
)
from meetings.selectors import (
    load_agenda,
    meeting_lookup,
    visible_meetings,
)

# The lookups every meeting page starts with, by whether the person sees drafts, compiled once per worker; the
# agenda and the record are then read by compiled lookups too (meetings.selectors.load_agenda).
_MEETING = {
    drafts: Prepared(
        meeting_lookup(lambda cell, pk, drafts=drafts: visible_meetings(cell, drafts=drafts).filter(pk=pk)),
        cell=-7_100_001,
        pk=-7_100_002,
    )
    for drafts in (True, False)
}
_HELD = {
    drafts: Prepared(
        meeting_lookup(
            lambda cell, pk, drafts=drafts: visible_meetings(cell, drafts=drafts).filter(
                pk=pk, status__in=[Meeting.Status.HELD, Meeting.Status.APPROVED]
            )
        ),
        cell=-7_100_003,
        pk=-7_100_004,
    )
    for drafts in (True, False)
}


def _the_one(found: list) -> Meeting:
    if not found:
        raise Http404
    return found[0]


# Access, decided here for the whole app ------------------------------------------------


def get_meeting_for_user(request, pk) -> Meeting:
    """A meeting of the member's cell they may see: drafts only for the committee (404 otherwise)."""
    member = request.member
    return load_agenda(_the_one(_MEETING[member.may_prepare](cell=member.cell_id, pk=int(pk))))


def get_editable_meeting(request, pk) -> Meeting:
    """A meeting whose agenda the secretary or deputy may change (403 for others, 404 elsewhere)."""
    meeting = get_meeting_for_user(request, pk)
    if not request.member.may_manage:
        raise PermissionDenied(_("Only the secretary or deputy secretary may do this."))
    if not meeting.agenda_editable:
        raise PermissionDenied(_("The meeting has been held: its agenda can no longer be changed."))
    return meeting


# Recording a held meeting ----------------------------------------------------------------


def may_record(member, meeting: Meeting) -> bool:
    """The secretary, the deputy and the meeting's minute-taker record the meeting."""
    return member.may_manage or (member.is_active and meeting.minute_taker_id == member.pk)


def get_record_for_user(request, pk, *, documents: bool = True) -> Meeting:
    """A held meeting's record: the committee and the minute-taker see drafts; members approved ones only.
    ``documents``: with each item's guiding documents (the record page does not show them)."""
    member = request.member
    meeting = _the_one(_HELD[member.may_prepare](cell=member.cell_id, pk=int(pk)))
    meeting = load_agenda(meeting, record=True, documents=documents)
    if meeting.status != Meeting.Status.APPROVED and not (
        request.member.may_prepare or may_record(request.member, meeting)
    ):
        raise Http404
    return meeting


def get_recordable_meeting(request, pk) -> Meeting:
    """A held meeting the user may record (403 for others).

    Changes to approved minutes are refused (and logged) by the services; opening a
    recording form of approved minutes just leads back to the record.
    """
    meeting = get_record_for_user(request, pk)
    if not may_record(request.member, meeting):
        raise PermissionDenied(_("Only the secretary, the deputy or the meeting's minute-taker may record it."))
    return meeting
