"""The minutes: drafting, approving, addenda, and the minutes and resolution PDFs."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meetings import services
from meetings.forms import (
    AddendumForm,
    MinutesForm,
)
from meetings.minutes import compose_minutes
from meetings.models import (
    MeetingRecord,
)
from meetings.pdf import render_minutes_pdf, render_resolution_pdf
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


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@member_required
def minutes_pdf(request, pk):
    meeting = get_record_for_user(request, pk)
    return _pdf_response(render_minutes_pdf(meeting), f"bien-ban-sinh-hoat-{meeting.date:%Y-%m-%d}.pdf")


@member_required
def resolution_pdf(request, pk):
    meeting = get_record_for_user(request, pk)
    return _pdf_response(render_resolution_pdf(meeting), f"nghi-quyet-{meeting.date:%Y-%m-%d}.pdf")
