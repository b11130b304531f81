"""The minutes: drafting, approving, addenda, and the minutes and resolution PDFs."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
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
    MinutesRevision,
)
from meetings.pdf import minutes_printable, resolution_printable
from meetings.selectors import (
    attendance_sheet,
    record_of,
)
from meetings.views.access import get_record_for_user, get_recordable_meeting
from meetings.views.confirm import confirmation_page, confirmed
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


@member_required
def minutes_draft(request, pk):
    """Rebuild the minutes text from the record: it replaces the text, so it asks first; the replaced
    text is kept as a revision that can be restored."""
    meeting = get_recordable_meeting(request, pk)
    if refused := _locked_on_open(request, meeting, "minutes"):
        return refused
    record = record_of(meeting) or MeetingRecord(meeting=meeting)
    if not confirmed(request):
        return confirmation_page(
            request,
            meeting=meeting,
            title=_("Draft the minutes from the record"),
            consequences=[
                _(
                    "The minutes text is written again from the record: the attendance, each item with its "
                    "speeches, the vote and the tasks."
                ),
                _("It replaces the present text and every change made to it by hand."),
                _(
                    "The present text is kept as an earlier version: it can be read and restored from the list "
                    "of versions."
                ),
            ],
            subject=record.minutes_text,
            subject_label=_("The present text, which will be replaced"),
            button=_("Draft the minutes again"),
            button_class="btn-primary",
            cancel_url=reverse("meetings:minutes", args=[meeting.pk]),
        )
    text = compose_minutes(meeting, record, attendance_sheet(meeting))
    try:
        services.minutes_rebuild(meeting=meeting, minutes_text=text, by=request.user)
    except services.RecordLocked as error:
        return _locked(request, meeting, error)
    messages.success(request, _("The minutes were drafted from the record: read them and complete them."))
    return redirect("meetings:minutes", meeting.pk)


@member_required
def minutes_revisions(request, pk):
    meeting = get_recordable_meeting(request, pk)
    record = record_of(meeting)
    revisions = list(record.revisions.select_related("created_by__member")) if record else []
    return render(
        request,
        "meetings/revisions.html",
        {"meeting": meeting, "record": record, "revisions": revisions, "editing": not (record and record.is_locked)},
    )


@require_POST
@member_required
def minutes_restore(request, pk, revision_pk):
    meeting = get_recordable_meeting(request, pk)
    if refused := _locked_on_open(request, meeting, "minutes"):
        return refused
    revision = get_object_or_404(MinutesRevision, pk=revision_pk, record__meeting=meeting)
    try:
        services.minutes_restore(meeting=meeting, revision=revision, by=request.user)
    except services.RecordLocked as error:
        return _locked(request, meeting, error)
    messages.success(request, _("The earlier text was restored; the text it replaced is kept in the list of versions."))
    return redirect("meetings:minutes", meeting.pk)


@manager_required
def minutes_approve(request, pk):
    meeting = get_record_for_user(request, pk)
    if refused := _locked_on_open(request, meeting, "approve"):
        return refused
    if not confirmed(request):
        record = record_of(meeting)
        return confirmation_page(
            request,
            meeting=meeting,
            title=_("Approve the minutes and the resolution"),
            consequences=[
                _("The minutes and the resolution take their numbers and are locked for good."),
                _(
                    "Nothing of the record can be changed afterwards: not the attendance, the speeches, the vote, "
                    "the times or the text. A correction can only be added below, dated and signed."
                ),
                _("Every member of the cell can read and download the approved minutes and resolution."),
            ],
            blockers=_approval_blockers(meeting, record),
            subject=record.minutes_text if record else "",
            subject_label=_("The minutes that will be approved"),
            button=_("Approve and lock the minutes"),
            button_class="btn-success",
            cancel_url=reverse("meetings:record", args=[meeting.pk]),
        )
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


def _approval_blockers(meeting, record) -> list[str]:
    """What the approval service would refuse, shown on the page before the button (the service checks again)."""
    blockers = []
    if not meeting.attendance.all():
        blockers.append(_("Record the attendance before approving the minutes."))
    if record is None or not record.minutes_text.strip():
        blockers.append(_("The minutes are empty: draft them from the record first."))
    if record is None or record.closed_at is None:
        blockers.append(_("Enter the closing time before approving the minutes."))
    return blockers


@manager_required
def addendum_add(request, pk):
    """A correction to approved minutes, on a page of its own: a refused text comes back as typed, with the
    reason."""
    meeting = get_record_for_user(request, pk, documents=False)
    if meeting.status != Meeting.Status.APPROVED:
        messages.error(request, _("The minutes are not approved yet: correct them directly."))
        return redirect("meetings:record", meeting.pk)
    form = AddendumForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.addendum_add(meeting=meeting, text=form.cleaned_data["text"].strip(), by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("meetings:record", meeting.pk)
        messages.success(request, _("The correction was added to the approved minutes."))
        return redirect("meetings:record", meeting.pk)
    return render(request, "meetings/addendum.html", {"meeting": meeting, "form": form})


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
