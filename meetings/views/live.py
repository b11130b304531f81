"""The live screen: the minute-taker runs the meeting from one page, item by item.

Every action is a plain POST form that redirects back to the page; with JavaScript, htmx sends the
same forms and swaps the page's ``#live`` part (the clocks are static/js/live.js)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meetings import services
from meetings.forms import LiveSpeechForm, LiveVoteForm
from meetings.models import AgendaItem, Meeting
from meetings.selectors import attendance_sheet, live_state, not_spoken, record_of
from meetings.views.access import get_recordable_meeting
from meetings.views.record import _locked, _locked_on_open
from members.permissions import member_required


def _live_url(meeting) -> str:
    return reverse("meetings:live", args=[meeting.pk])


def _render_live(request, meeting, *, speech_form=None, vote_form=None, status=200):
    sheet = attendance_sheet(meeting)
    record = record_of(meeting)
    state = live_state(meeting, record)
    present = [row.member for row in sheet.rows if row.present]
    voters_present = sum(1 for row in sheet.rows if row.counted and row.present)
    current = state.current.item if state.current else None
    spoke_here = {s.member_id for s in current.speeches.all()} if current else set()
    silent = not_spoken(meeting, sheet)
    silent_pks = {m.pk for m in silent}
    if speech_form is None:
        speech_form = LiveSpeechForm(meeting=meeting, present=present, initial={"item": current})
    if vote_form is None:
        initial = {"against": record.votes_against or 0, "abstain": record.votes_abstain or 0} if record else {}
        vote_form = LiveVoteForm(voters_present=voters_present, initial=initial)
    context = {
        "meeting": meeting,
        "record": record,
        "sheet": sheet,
        "state": state,
        "current": current,
        "speakers": [(m, m.pk in silent_pks, m.pk in spoke_here) for m in present],
        "not_spoken": silent,
        "speech_form": speech_form,
        "vote_form": vote_form,
        "voters_present": voters_present,
        "threshold": sheet.threshold,
    }
    return render(request, "meetings/live.html", context, status=status)


@member_required
def live(request, pk):
    meeting = get_recordable_meeting(request, pk)
    if meeting.status == Meeting.Status.APPROVED:
        messages.info(request, _("The minutes of this meeting are approved: the live screen is closed."))
        return redirect("meetings:record", meeting.pk)
    return _render_live(request, meeting)


def _guarded(request, pk, what):
    """The meeting a live action may change, or the answer that refuses it."""
    meeting = get_recordable_meeting(request, pk)
    return meeting, _locked_on_open(request, meeting, what)


@require_POST
@member_required
def live_item(request, pk, item_pk):
    meeting, refused = _guarded(request, pk, "live")
    if refused:
        return refused
    item = get_object_or_404(AgendaItem, pk=item_pk, meeting=meeting)
    try:
        services.live_item_start(meeting=meeting, item=item, by=request.user)
    except services.RecordLocked as error:
        return _locked(request, meeting, error)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(_live_url(meeting))


@require_POST
@member_required
def live_end(request, pk):
    meeting, refused = _guarded(request, pk, "live")
    if refused:
        return refused
    try:
        services.live_end(meeting=meeting, by=request.user)
    except services.RecordLocked as error:
        return _locked(request, meeting, error)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The meeting has ended: the times of each item and the closing time are recorded."))
    return redirect(_live_url(meeting))


@require_POST
@member_required
def live_speech(request, pk):
    meeting, refused = _guarded(request, pk, "speech")
    if refused:
        return refused
    sheet = attendance_sheet(meeting)
    present = [row.member for row in sheet.rows if row.present]
    form = LiveSpeechForm(request.POST, meeting=meeting, present=present)
    if not form.is_valid():
        return _render_live(request, meeting, speech_form=form)
    try:
        services.speech_add(meeting=meeting, by=request.user, **form.cleaned_data)
    except services.RecordLocked as error:
        return _locked(request, meeting, error)
    messages.success(
        request, _("The opinion of %(name)s was recorded.") % {"name": form.cleaned_data["member"].full_name}
    )
    return redirect(_live_url(meeting))


@require_POST
@member_required
def live_vote(request, pk):
    meeting, refused = _guarded(request, pk, "vote")
    if refused:
        return refused
    sheet = attendance_sheet(meeting)
    voters_present = sum(1 for row in sheet.rows if row.counted and row.present)
    form = LiveVoteForm(request.POST, voters_present=voters_present)
    if not form.is_valid():
        return _render_live(request, meeting, vote_form=form)
    try:
        record = services.live_vote(
            meeting=meeting,
            voters_present=voters_present,
            base=sheet.base,
            against=form.cleaned_data["against"],
            abstain=form.cleaned_data["abstain"],
            by=request.user,
        )
    except services.RecordLocked as error:
        return _locked(request, meeting, error)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_live_url(meeting))
    messages.success(
        request,
        _("The vote was recorded: %(yes)s for of %(base)s members counted.")
        % {"yes": record.votes_for, "base": record.vote_base},
    )
    return redirect(f"{_live_url(meeting)}#vote")
