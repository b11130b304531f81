"""The minutes: drafting, approving, addenda, and the minutes and resolution PDFs."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from documents.files import document_response
from documents.models import FrozenDocument
from documents.services import document_files_make
from meetings import services
from meetings.forms import (
    AddendumForm,
    MinutesForm,
)
from meetings.minutes import compose_minutes
from meetings.models import (
    Meeting,
    MeetingRecord,
)
from meetings.pdf import minutes_printable, resolution_printable
from meetings.selectors import (
    attendance_sheet,
    record_of,
)
from meetings.views.access import get_record_for_user, get_recordable_meeting
from meetings.views.record import _locked, _locked_on_open
from members.permissions import manager_required, member_required


@member_required
def minutes(request, pk):
    meeting = get_recordable_meeting(request, pk)
    if refused := _locked_on_open(request, meeting, "minutes"):
        return refused
    record = record_of(meeting) or MeetingRecord(meeting=meeting)
    form = MinutesForm(request.POST or None, instance=record)
    if request.method == "POST" and form.is_valid():
        try:
            services.minutes_save(meeting=meeting, by=request.user, **form.cleaned_data)
        except services.RecordLocked as error:
            return _locked(request, meeting, error)
        messages.success(request, _("The minutes were saved."))
        return redirect("meetings:record", meeting.pk)
    return render(request, "meetings/minutes.html", {"meeting": meeting, "form": form, "record": record})


@require_POST
@member_required
def minutes_draft(request, pk):
    meeting = get_recordable_meeting(request, pk)
    if refused := _locked_on_open(request, meeting, "minutes"):
        return refused
    record = record_of(meeting) or MeetingRecord(meeting=meeting)
    text = compose_minutes(meeting, record, attendance_sheet(meeting))
    try:
        services.minutes_save(meeting=meeting, minutes_text=text, conclusion=record.conclusion, by=request.user)
    except services.RecordLocked as error:
        return _locked(request, meeting, error)
    messages.success(request, _("The minutes were drafted from the record: read them and complete them."))
    return redirect("meetings:minutes", meeting.pk)


@require_POST
@manager_required
def minutes_approve(request, pk):
    meeting = get_record_for_user(request, pk)
    try:
        services.minutes_approve(meeting=meeting, by=request.user)
    except services.RecordLocked as error:
        return _locked(request, meeting, error)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("meetings:record", meeting.pk)
    pairs = [(FrozenDocument.Kind.MINUTES, meeting.pk), (FrozenDocument.Kind.RESOLUTION, meeting.pk)]
    document_files_make(cell=meeting.cell, pairs=pairs)
    messages.success(request, _("The minutes and the resolution were approved and are now locked."))
    return redirect("meetings:record", meeting.pk)


@require_POST
@manager_required
def addendum_add(request, pk):
    meeting = get_record_for_user(request, pk)
    form = AddendumForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write the correction."))
        return redirect("meetings:record", meeting.pk)
    try:
        services.addendum_add(meeting=meeting, text=form.cleaned_data["text"].strip(), by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("meetings:record", meeting.pk)
    messages.success(request, _("The correction was added to the approved minutes."))
    return redirect("meetings:record", meeting.pk)


@member_required
def minutes_pdf(request, pk, ext="pdf"):
    """The minutes as a PDF or a .docx: once approved, the frozen copy, then a page per addendum."""
    meeting = get_record_for_user(request, pk)
    return document_response(minutes_printable(meeting), ext=ext, frozen=meeting.status == Meeting.Status.APPROVED)


@member_required
def resolution_pdf(request, pk, ext="pdf"):
    meeting = get_record_for_user(request, pk)
    frozen = meeting.status == Meeting.Status.APPROVED
    return document_response(resolution_printable(meeting), ext=ext, frozen=frozen)
