"""Who may see, edit and record a meeting: decided here for the whole app, first line of every view."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from meetings.models import (
    Meeting,
)
from meetings.selectors import (
    meetings_for,
    with_agenda,
    with_record,
)

# Access, decided here for the whole app ------------------------------------------------


def get_meeting_for_user(request, pk) -> Meeting:
    """A meeting of the member's cell they may see: drafts only for the committee (404 otherwise)."""
    return get_object_or_404(with_agenda(meetings_for(request.member)), pk=pk)


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


def get_record_for_user(request, pk) -> Meeting:
    """A held meeting's record: the committee and the minute-taker see drafts; members approved ones only."""
    meeting = get_object_or_404(
        with_record(meetings_for(request.member)),
        pk=pk,
        status__in=[Meeting.Status.HELD, Meeting.Status.APPROVED],
    )
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
