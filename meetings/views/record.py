"""Recording a held meeting: attendance, items, speeches, the resolution."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from documents.models import FrozenDocument
from documents.selectors import frozen_copies
from documents.services import document_files_make
from dues.selectors import month_figures
from meetings import services
from meetings.forms import (
    AttendanceForm,
    ItemRecordForm,
    ResolutionForm,
    SpeechForm,
    TaskFormSet,
)
from meetings.minutes import reviewed_month
from meetings.models import (
    AgendaItem,
    Meeting,
    MeetingRecord,
    Speech,
)
from meetings.selectors import (
    attendance_sheet,
    cell_members_on,
    not_spoken,
    record_of,
    record_summary,
    tasks_to_review,
)
from meetings.views.access import get_meeting_for_user, get_record_for_user, get_recordable_meeting, may_record
from meetings.views.confirm import confirmation_page, confirmed
from members.permissions import manager_required, member_required


def _locked_on_open(request, meeting, what: str):
    """Approved minutes are shown, not edited: a form is not opened, a POST is refused and logged
    before any form is read (the services refuse again, whatever calls them)."""
    if meeting.status != Meeting.Status.APPROVED:
        return None
    if request.method == "POST":
        try:
            services.refuse_if_locked(meeting=meeting, by=request.user, what=what)
        except services.RecordLocked as error:
            return _locked(request, meeting, error)
    return _locked(request, meeting, services.RecordLocked())


def _locked(request, meeting, error):
    messages.error(request, str(error))
    return redirect("meetings:record", meeting.pk)


def _record_context(request, meeting, speech_form=None) -> dict:
    sheet = attendance_sheet(meeting)
    record = record_summary(meeting)
    editing = may_record(request.member, meeting) and meeting.status == Meeting.Status.HELD
    return {
        "meeting": meeting,
        "record": record,
        "sheet": sheet,
        "not_spoken": not_spoken(meeting, sheet) if editing else [],  # whom the chair may still invite
        "editing": editing,
        "may_approve": request.member.may_manage and meeting.status == Meeting.Status.HELD,
        "speech_form": speech_form  # shown only while recording: its lists of items and members are built then
        or (SpeechForm(meeting=meeting, initial={"item": request.GET.get("item")}) if editing else None),
        "actual": sum(item.actual_minutes or 0 for item in meeting.items.all()),
        "quality_level": meeting.cell.quality_level(record.quality_total) if record and record.quality_scores else "",
        "may_add_addendum": bool(record and record.is_locked and request.member.may_manage),
        "frozen": frozen_copies(
            meeting.cell,
            meeting.pk,
            [FrozenDocument.Kind.MINUTES, FrozenDocument.Kind.RESOLUTION]
            if meeting.status == Meeting.Status.APPROVED
            else [],
        ),
    }


@require_POST
@manager_required
def meeting_hold(request, pk):
    meeting = get_meeting_for_user(request, pk)
    try:
        services.meeting_hold(meeting=meeting, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(meeting)
    document_files_make(cell=meeting.cell, pairs=[(FrozenDocument.Kind.AGENDA, meeting.pk)])
    messages.success(request, _("The meeting is under way: record the attendance, the speeches and the resolution."))
    return redirect("meetings:attendance", meeting.pk)


@member_required
def meeting_record(request, pk):
    meeting = get_record_for_user(request, pk, documents=False)
    return render(request, "meetings/record.html", _record_context(request, meeting))


@member_required
def attendance(request, pk):
    meeting = get_recordable_meeting(request, pk)
    if refused := _locked_on_open(request, meeting, "attendance"):
        return refused
    sheet = attendance_sheet(meeting)
    form = AttendanceForm(request.POST or None, sheet=sheet, record=record_of(meeting))
    dues_warnings = []
    if meeting.kind == Meeting.Kind.REGULAR and (figures := month_figures(meeting.cell, reviewed_month(meeting))).kept:
        form.fields["dues_status"].help_text = _(
            "From the dues ledger: %(figures)s. The minutes print it; add here only what it does not say."
        ) % {"figures": figures.sentence}
        for member, months in figures.warned:  # the rule's consequence: at the top of the page, not in the help
            dues_warnings.append(
                _(
                    "Comrade %(name)s has not paid %(count)s months of %(year)s without a reason (%(months)s): the "
                    "rule leads to a proposal to strike off."
                )
                % {
                    "name": member.full_name,
                    "count": len(months),
                    "year": figures.month.year,
                    "months": ", ".join(f"{m:%m/%Y}" for m in months),
                }
            )
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_save(meeting=meeting, marks=form.marks(), details=form.details(), by=request.user)
        except services.RecordLocked as error:
            return _locked(request, meeting, error)
        messages.success(request, _("The attendance was saved."))
        return redirect("meetings:live" if request.POST.get("next") == "live" else "meetings:record", meeting.pk)
    back_to_live = request.GET.get("next", request.POST.get("next")) == "live"
    return render(
        request,
        "meetings/attendance.html",
        {
            "meeting": meeting,
            "form": form,
            "sheet": sheet,
            "back_to_live": back_to_live,
            "dues_warnings": dues_warnings,
        },
    )


@member_required
def item_record(request, pk, item_pk):
    meeting = get_recordable_meeting(request, pk)
    if refused := _locked_on_open(request, meeting, "item record"):
        return refused
    item = get_object_or_404(AgendaItem, pk=item_pk, meeting=meeting)
    initial = {"record": item.record, "actual_minutes": item.actual_minutes}
    form = ItemRecordForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.item_record_save(meeting=meeting, item=item, by=request.user, **form.cleaned_data)
        except services.RecordLocked as error:
            return _locked(request, meeting, error)
        messages.success(request, _("The item's record was saved."))
        return redirect(f"{reverse('meetings:record', args=[meeting.pk])}#item-{item.pk}")
    return render(request, "meetings/item_record.html", {"form": form, "meeting": meeting, "item": item})


@require_POST
@member_required
def speech_add(request, pk):
    meeting = get_recordable_meeting(request, pk)
    if refused := _locked_on_open(request, meeting, "speech"):
        return refused
    form = SpeechForm(request.POST, meeting=meeting)
    if form.is_valid():
        try:
            services.speech_add(meeting=meeting, by=request.user, **form.cleaned_data)
        except services.RecordLocked as error:
            return _locked(request, meeting, error)
        messages.success(request, _("The speech was recorded."))
        item = form.cleaned_data["item"]
        return redirect(f"{reverse('meetings:record', args=[meeting.pk])}?item={item.pk}#speech")
    return render(request, "meetings/record.html", _record_context(request, meeting, speech_form=form))


@member_required
def speech_delete(request, pk, speech_pk):
    meeting = get_recordable_meeting(request, pk)
    if refused := _locked_on_open(request, meeting, "speech"):
        return refused
    speech = get_object_or_404(Speech.objects.select_related("member", "item"), pk=speech_pk, item__meeting=meeting)
    to_live = request.GET.get("next", request.POST.get("next")) == "live"
    back = (
        reverse("meetings:live", args=[meeting.pk])
        if to_live
        else f"{reverse('meetings:record', args=[meeting.pk])}#item-{speech.item_id}"
    )
    if not confirmed(request):
        return confirmation_page(
            request,
            meeting=meeting,
            title=_("Remove a speech"),
            consequences=[
                _("The opinion is taken out of the record and will not be in the minutes drafted from it."),
                _("The removal is written in the meeting's history of changes, with the text removed."),
            ],
            subject=f"{speech.member.full_name} ({speech.item.title}): {speech.summary}",
            subject_label=_("The speech"),
            button=_("Remove the speech"),
            cancel_url=back,
            hidden=[("next", "live")] if to_live else [],
        )
    try:
        services.speech_delete(meeting=meeting, speech=speech, by=request.user)
    except services.RecordLocked as error:
        return _locked(request, meeting, error)
    messages.success(request, _("The speech was removed."))
    return redirect(back)


@member_required
def resolution(request, pk):
    meeting = get_recordable_meeting(request, pk)
    if refused := _locked_on_open(request, meeting, "resolution"):
        return refused
    sheet = attendance_sheet(meeting)
    record = record_of(meeting) or MeetingRecord(meeting=meeting)
    voters_present = sum(1 for row in sheet.rows if row.counted and row.present)
    form = ResolutionForm(
        request.POST or None,
        instance=record,
        criteria=services.scoring_sheet(meeting.cell),
        voters_present=voters_present,
        reviews=tasks_to_review(meeting),
    )
    tasks = list(record.tasks.all()) if record.pk else []
    initial = [{"task_id": t.pk, "content": t.content, "owner": t.owner, "deadline": t.deadline} for t in tasks]
    formset = TaskFormSet(
        request.POST or None,
        initial=initial,
        prefix="tasks",
        form_kwargs={"cell": meeting.cell, "owners": cell_members_on(meeting.cell, meeting.date)},
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        by_pk = {t.pk: t for t in tasks}
        rows = [
            (
                by_pk.get(f.cleaned_data.get("task_id")),
                (f.cleaned_data.get("content") or "").strip(),
                f.cleaned_data.get("owner"),
                f.cleaned_data.get("deadline"),
                f.cleaned_data.get("DELETE", False),
            )
            for f in formset
            if f.has_changed() or f.cleaned_data.get("task_id")
        ]
        try:
            services.resolution_save(
                meeting=meeting,
                fields=form.texts(),
                scores=form.scores(),
                tasks=rows,
                reviews=form.reviews(),
                base=sheet.base,
                by=request.user,
            )
        except services.RecordLocked as error:
            return _locked(request, meeting, error)
        messages.success(request, _("The resolution was saved."))
        return redirect("meetings:record", meeting.pk)
    return render(
        request,
        "meetings/resolution.html",
        {"meeting": meeting, "form": form, "formset": formset, "sheet": sheet, "voters_present": voters_present},
    )
