from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import ProtectedError, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from assignments.forms import CompletionLevelForm
from assignments.models import CompletionLevel
from assignments.selectors import tasks_for_review
from assignments.services import completion_levels
from evaluations.forms import RatingLevelForm, WorkGradeForm
from evaluations.models import RatingLevel, WorkGrade
from evaluations.selectors import confirmed_proposals
from evaluations.services import rating_levels, work_grades
from meetings import services
from meetings.forms import (
    AddendumForm,
    AgendaItemForm,
    AttendanceForm,
    GuidingDocumentForm,
    ItemRecordForm,
    MeetingForm,
    MinutesForm,
    NewMeetingForm,
    PeriodForm,
    PrepareForm,
    ResolutionForm,
    ScoringCriterionForm,
    SpeechForm,
    StandardStepForm,
    TaskFormSet,
    VersionForm,
)
from meetings.minutes import compose_minutes
from meetings.models import (
    AgendaItem,
    GuidingDocument,
    Meeting,
    MeetingRecord,
    ScoringCriterion,
    Speech,
    StandardAgendaItem,
)
from meetings.pdf import render_agenda_pdf, render_minutes_pdf, render_resolution_pdf
from meetings.selectors import (
    attendance_sheet,
    cell_members_on,
    checklist,
    meetings_for,
    not_spoken,
    participation,
    record_of,
    tasks_to_review,
    time_split,
    with_agenda,
    with_record,
    year_overview,
)
from members.permissions import manager_required, member_required
from members.selectors import history_of

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


def _conflict(request):
    messages.error(
        request,
        _(
            "Someone else changed this agenda after you opened it. Your change was not saved: "
            "the page now shows their version; make your change again."
        ),
    )


# Pages -------------------------------------------------------------------------------


@member_required
def meeting_list(request):
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        year = today.year
    year = min(max(year, 2000), today.year + 1)
    meetings = list(
        meetings_for(request.member).filter(month__year=year).select_related("cell").order_by("month", "date")
    )
    return render(
        request,
        "meetings/list.html",
        {
            "year": year,
            "years": [year - 1, year + 1] if year < today.year + 1 else [year - 1],
            "meetings": [(m, checklist(m, today)) for m in meetings],
            "overview": year_overview(cell=request.member.cell, meetings=meetings, year=year),
            "prepare_form": PrepareForm(initial={"month": services.month_after(today)}),
        },
    )


def _detail_context(request, meeting, item_form=None) -> dict:
    editing = request.member.may_manage and meeting.agenda_editable
    if editing and item_form is None:
        item_form = AgendaItemForm(meeting=meeting, initial={"section": 2, "planned_minutes": 10})
    return {
        "meeting": meeting,
        "split": time_split(meeting),
        "checklist": checklist(meeting),
        "editing": editing,
        "item_form": item_form if editing else None,
        "version_form": VersionForm(initial={"version": meeting.version}),
        "history": history_of(meeting) if request.member.may_manage else [],
        "due_tasks": tasks_for_review(meeting) if request.member.may_prepare else [],
        "proposals": confirmed_proposals(meeting) if request.member.may_prepare else [],
    }


@member_required
def meeting_detail(request, pk):
    meeting = get_meeting_for_user(request, pk)
    return render(request, "meetings/detail.html", _detail_context(request, meeting))


@require_POST
@manager_required
def meeting_prepare(request):
    form = PrepareForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["month"]))
        return redirect("meetings:list")
    try:
        meeting = services.meeting_prepare(cell=request.member.cell, month=form.cleaned_data["month"], by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("meetings:list")
    messages.success(request, _("The meeting was prepared with the standard agenda. Adjust it, then publish it."))
    return redirect(meeting)


@manager_required
def meeting_create(request):
    form = NewMeetingForm(request.POST or None, cell=request.member.cell)
    if request.method == "POST" and form.is_valid():
        meeting = form.save(commit=False)
        meeting.cell = request.member.cell
        meeting.month = meeting.date.replace(day=1)
        meeting.save()
        messages.success(request, _("The meeting was created. Add its agenda items."))
        return redirect(meeting)
    return render(request, "meetings/form.html", {"form": form, "title": _("New thematic or extraordinary meeting")})


@manager_required
def meeting_edit(request, pk):
    meeting = get_editable_meeting(request, pk)
    form = MeetingForm(request.POST or None, instance=meeting, cell=meeting.cell)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update(
                meeting=form.save(commit=False),
                expected_version=form.cleaned_data["version"],
                changes=form.changes(),
                by=request.user,
            )
        except services.EditConflict:
            _conflict(request)
            return redirect("meetings:edit", meeting.pk)
        messages.success(request, _("The meeting was saved."))
        return redirect(meeting)
    return render(request, "meetings/form.html", {"form": form, "meeting": meeting, "title": str(meeting)})


@require_POST
@manager_required
def item_add(request, pk):
    meeting = get_editable_meeting(request, pk)
    form = AgendaItemForm(request.POST, meeting=meeting)
    if form.is_valid():
        try:
            services.agenda_item_save(
                meeting=meeting,
                item=form.save(commit=False),
                expected_version=form.cleaned_data["version"],
                changes={"added": (None, form.cleaned_data["title"])},
                by=request.user,
            )
            form.save_m2m()
        except services.EditConflict:
            _conflict(request)
            return redirect(meeting)
        messages.success(request, _("The item was added."))
        return redirect(meeting)
    return render(request, "meetings/detail.html", _detail_context(request, meeting, item_form=form))


@manager_required
def item_edit(request, pk, item_pk):
    meeting = get_editable_meeting(request, pk)
    item = get_object_or_404(AgendaItem, pk=item_pk, meeting=meeting)
    form = AgendaItemForm(request.POST or None, instance=item, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            services.agenda_item_save(
                meeting=meeting,
                item=form.save(commit=False),
                expected_version=form.cleaned_data["version"],
                changes=form.changes(),
                by=request.user,
            )
            form.save_m2m()
        except services.EditConflict:
            _conflict(request)
            return redirect("meetings:item_edit", meeting.pk, item.pk)
        messages.success(request, _("The item was saved."))
        return redirect(meeting)
    return render(request, "meetings/item_form.html", {"form": form, "meeting": meeting, "item": item})


@require_POST
@manager_required
def item_delete(request, pk, item_pk):
    meeting = get_editable_meeting(request, pk)
    item = get_object_or_404(AgendaItem, pk=item_pk, meeting=meeting)
    form = VersionForm(request.POST)
    if form.is_valid():
        try:
            services.agenda_item_delete(
                meeting=meeting, item=item, expected_version=form.cleaned_data["version"], by=request.user
            )
            messages.success(request, _("The item was removed."))
        except services.EditConflict:
            _conflict(request)
    return redirect(meeting)


@require_POST
@manager_required
def item_move(request, pk, item_pk, direction):
    meeting = get_editable_meeting(request, pk)
    item = get_object_or_404(AgendaItem, pk=item_pk, meeting=meeting)
    form = VersionForm(request.POST)
    if form.is_valid():
        try:
            services.agenda_item_move(
                meeting=meeting,
                item=item,
                up=direction == "up",
                expected_version=form.cleaned_data["version"],
                by=request.user,
            )
        except services.EditConflict:
            _conflict(request)
    return redirect(f"{meeting.get_absolute_url()}#item-{item.pk}")


@require_POST
@manager_required
def meeting_publish(request, pk):
    meeting = get_editable_meeting(request, pk)
    try:
        services.meeting_publish(meeting=meeting, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The agenda was published: every member of the cell can now read it."))
    return redirect(meeting)


@member_required
def agenda_pdf(request, pk):
    meeting = get_meeting_for_user(request, pk)
    response = HttpResponse(render_agenda_pdf(meeting), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="chuong-trinh-sinh-hoat-{meeting.month:%Y-%m}.pdf"'
    return response


# Guiding documents register -------------------------------------------------------------


@member_required
def document_list(request):
    query = request.GET.get("q", "").strip()[:100]
    documents = GuidingDocument.objects.filter(cell=request.member.cell)
    if query:
        documents = documents.filter(
            Q(number__icontains=query)
            | Q(title__icontains=query)
            | Q(issuer__icontains=query)
            | Q(summary__icontains=query)
        )
    return render(request, "meetings/documents.html", {"documents": documents, "query": query})


@manager_required
def document_form(request, pk=None):
    document = get_object_or_404(GuidingDocument, pk=pk, cell=request.member.cell) if pk else None
    form = GuidingDocumentForm(request.POST or None, instance=document, cell=request.member.cell)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.cell = request.member.cell
        saved.save()
        messages.success(request, _("The document was saved in the register."))
        return redirect("meetings:documents")
    title = _("Edit a guiding document") if document else _("Add a guiding document")
    return render(request, "meetings/form.html", {"form": form, "title": title})


# The cell's standard order and document format -------------------------------------------


@dataclass(frozen=True)
class SettingRows:
    """One of the cell's ordered settings edited as a list: the standard order, the scoring sheet."""

    model: type
    form: type
    rows: Callable  # cell → the rows, defaults copied in on first use
    template: str
    edit_template: str
    url: str
    initial: dict
    added: str
    saved: str
    removed: str


SETTING_ROWS = {
    "standard": SettingRows(
        model=StandardAgendaItem,
        form=StandardStepForm,
        rows=services.standard_agenda,
        template="meetings/standard.html",
        edit_template="meetings/standard_step_form.html",
        url="meetings:standard",
        initial={"section": 2, "default_minutes": 10},
        added=gettext_lazy("The step was added to the standard order."),
        saved=gettext_lazy("The step was saved."),
        removed=gettext_lazy("The step was removed from the standard order."),
    ),
    "scoring": SettingRows(
        model=ScoringCriterion,
        form=ScoringCriterionForm,
        rows=services.scoring_sheet,
        template="meetings/scoring.html",
        edit_template="meetings/scoring_form.html",
        url="meetings:scoring",
        initial={"max_points": 10},
        added=gettext_lazy("The criterion was added to the scoring sheet."),
        saved=gettext_lazy("The criterion was saved."),
        removed=gettext_lazy("The criterion was removed from the scoring sheet."),
    ),
    "levels": SettingRows(
        model=CompletionLevel,
        form=CompletionLevelForm,
        rows=completion_levels,
        template="assignments/levels.html",
        edit_template="assignments/level_form.html",
        url="meetings:levels",
        initial={"counts_as_done": True},
        added=gettext_lazy("The level was added to the scale."),
        saved=gettext_lazy("The level was saved."),
        removed=gettext_lazy("The level was removed from the scale."),
    ),
    "grades": SettingRows(
        model=WorkGrade,
        form=WorkGradeForm,
        rows=work_grades,
        template="evaluations/grades.html",
        edit_template="evaluations/setting_form.html",
        url="meetings:grades",
        initial={},
        added=gettext_lazy("The grade was added."),
        saved=gettext_lazy("The grade was saved."),
        removed=gettext_lazy("The grade was removed."),
    ),
    "ratings": SettingRows(
        model=RatingLevel,
        form=RatingLevelForm,
        rows=rating_levels,
        template="evaluations/ratings.html",
        edit_template="evaluations/setting_form.html",
        url="meetings:ratings",
        initial={"min_points": 50},
        added=gettext_lazy("The level was added to the classification."),
        saved=gettext_lazy("The level was saved."),
        removed=gettext_lazy("The level was removed from the classification."),
    ),
}


@manager_required
def setting_list(request, kind):
    """The list with its add form; saving here never changes meetings already prepared or scored."""
    rows = SETTING_ROWS[kind]
    cell = request.member.cell
    listed = rows.rows(cell)  # the defaults are copied in first, so an added row comes after them
    form = rows.form(request.POST or None, initial=rows.initial, prefix="step")
    if request.method == "POST" and form.is_valid():
        services.setting_row_save(cell=cell, row=form.save(commit=False), changes=form.changes(), by=request.user)
        messages.success(request, rows.added)
        return redirect(rows.url)
    return render(request, rows.template, {"rows": listed, "form": form, "total": rows.form.total(listed)})


@manager_required
def setting_edit(request, pk, kind):
    rows = SETTING_ROWS[kind]
    row = get_object_or_404(rows.model, pk=pk, cell=request.member.cell)
    form = rows.form(request.POST or None, instance=row)
    if request.method == "POST" and form.is_valid():
        services.setting_row_save(cell=row.cell, row=form.save(commit=False), changes=form.changes(), by=request.user)
        messages.success(request, rows.saved)
        return redirect(rows.url)
    return render(request, rows.edit_template, {"form": form, "row": row})


@require_POST
@manager_required
def setting_delete(request, pk, kind):
    rows = SETTING_ROWS[kind]
    row = get_object_or_404(rows.model, pk=pk, cell=request.member.cell)
    try:
        services.setting_row_delete(row=row, by=request.user)
    except ProtectedError:
        messages.error(
            request, _("“%(row)s” is used by existing records and cannot be removed: rename it instead.") % {"row": row}
        )
    else:
        messages.success(request, rows.removed)
    return redirect(rows.url)


@require_POST
@manager_required
def setting_move(request, pk, kind, direction):
    rows = SETTING_ROWS[kind]
    row = get_object_or_404(rows.model, pk=pk, cell=request.member.cell)
    services.setting_row_move(row=row, up=direction == "up")
    return redirect(f"{reverse(rows.url)}#row-{row.pk}")


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
    record = record_of(meeting)
    editing = may_record(request.member, meeting) and meeting.status == Meeting.Status.HELD
    return {
        "meeting": meeting,
        "record": record,
        "sheet": sheet,
        "not_spoken": not_spoken(meeting, sheet),
        "editing": editing,
        "may_approve": request.member.may_manage and meeting.status == Meeting.Status.HELD,
        "speech_form": speech_form or SpeechForm(meeting=meeting, initial={"item": request.GET.get("item")}),
        "actual": sum(item.actual_minutes or 0 for item in meeting.items.all()),
        "quality_level": meeting.cell.quality_level(record.quality_total) if record and record.quality_scores else "",
        "addendum_form": AddendumForm() if record and record.is_locked and request.member.may_manage else None,
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
    messages.success(request, _("The meeting is under way: record the attendance, the speeches and the resolution."))
    return redirect("meetings:attendance", meeting.pk)


@member_required
def meeting_record(request, pk):
    meeting = get_record_for_user(request, pk)
    return render(request, "meetings/record.html", _record_context(request, meeting))


@member_required
def attendance(request, pk):
    meeting = get_recordable_meeting(request, pk)
    if refused := _locked_on_open(request, meeting, "attendance"):
        return refused
    sheet = attendance_sheet(meeting)
    form = AttendanceForm(request.POST or None, sheet=sheet, record=record_of(meeting))
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_save(meeting=meeting, marks=form.marks(), details=form.details(), by=request.user)
        except services.RecordLocked as error:
            return _locked(request, meeting, error)
        messages.success(request, _("The attendance was saved."))
        return redirect("meetings:record", meeting.pk)
    return render(request, "meetings/attendance.html", {"meeting": meeting, "form": form, "sheet": sheet})


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


@require_POST
@member_required
def speech_delete(request, pk, speech_pk):
    meeting = get_recordable_meeting(request, pk)
    if refused := _locked_on_open(request, meeting, "speech"):
        return refused
    speech = get_object_or_404(Speech.objects.select_related("member"), pk=speech_pk, item__meeting=meeting)
    try:
        services.speech_delete(meeting=meeting, speech=speech, by=request.user)
    except services.RecordLocked as error:
        return _locked(request, meeting, error)
    messages.success(request, _("The speech was removed."))
    return redirect(f"{reverse('meetings:record', args=[meeting.pk])}#item-{speech.item_id}")


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


@member_required
def participation_view(request):
    today = timezone.localdate()
    form = PeriodForm(request.GET or None, initial={"start": date(today.year, 1, 1), "end": today})
    start, end = date(today.year, 1, 1), today
    if form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    rows, meetings = participation(cell=request.member.cell, start=start, end=end)
    if not request.member.may_prepare:
        rows = [row for row in rows if row.member.pk == request.member.pk]
    most = max([row.attended + row.absent for row in rows] + [row.speeches for row in rows] + [1])
    return render(
        request,
        "meetings/participation.html",
        {"form": form, "rows": rows, "meetings": meetings, "start": start, "end": end, "most": most},
    )
