"""Preparing the month's meeting: the list, the agenda and its items, publishing, the programme PDF."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assignments.selectors import tasks_for_review
from documents.files import document_response
from documents.models import FrozenDocument
from documents.selectors import frozen_copies
from evaluations.selectors import confirmed_proposals
from meetings import services
from meetings.forms import (
    AgendaItemForm,
    MeetingForm,
    NewMeetingForm,
    PrepareForm,
    ResolutionPostedForm,
    VersionForm,
)
from meetings.models import (
    AgendaItem,
    Meeting,
    Section,
)
from meetings.pdf import agenda_printable
from meetings.selectors import (
    checklist,
    meetings_for,
    time_split,
    year_overview,
)
from meetings.views.access import get_editable_meeting, get_meeting_for_user
from meetings.views.confirm import confirmation_page, confirmed
from members.permissions import manager_required, member_required
from members.selectors import history_of

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


def _detail_context(request, meeting, posted_form=None) -> dict:
    editing_allowed = meeting.agenda_editable
    editing = request.member.may_manage and editing_allowed
    return {
        "meeting": meeting,
        "split": time_split(meeting),
        "checklist": checklist(meeting),
        "editing": editing,
        "version_form": VersionForm(initial={"version": meeting.version}),
        "history": history_of(meeting) if request.member.may_manage else [],
        "due_tasks": tasks_for_review(meeting) if request.member.may_prepare else [],
        "proposals": confirmed_proposals(meeting) if request.member.may_prepare else [],
        "frozen": frozen_copies(meeting.cell, meeting.pk, [] if editing_allowed else [FrozenDocument.Kind.AGENDA]),
        "posted_form": _posted_form(request, meeting, posted_form),
    }


def _posted_form(request, meeting, form):
    """The resolution's posting day, for the secretary or deputy once the meeting is held."""
    held = meeting.status in (Meeting.Status.HELD, Meeting.Status.APPROVED)
    if not (held and request.member.may_manage):
        return None
    today = timezone.localdate()
    return form or ResolutionPostedForm(
        meeting=meeting, today=today, initial={"posted_on": meeting.resolution_posted_on or today}
    )


@member_required
def meeting_detail(request, pk):
    meeting = get_meeting_for_user(request, pk)
    return render(request, "meetings/detail.html", _detail_context(request, meeting))


@require_POST
@manager_required
def resolution_posted(request, pk):
    """The day the resolution was posted and reported: the last step of HD 42 after the meeting."""
    meeting = get_meeting_for_user(request, pk)
    form = ResolutionPostedForm(request.POST, meeting=meeting, today=timezone.localdate())
    if form.is_valid():
        try:
            services.resolution_posted_save(meeting=meeting, on=form.cleaned_data["posted_on"], by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The day the resolution was posted and reported is recorded."))
            return redirect(meeting)
    messages.error(request, _("The date was not saved: see the form below."))
    return render(request, "meetings/detail.html", _detail_context(request, meeting, posted_form=form))


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


@manager_required
def item_add(request, pk):
    """A new agenda item, on its own page (the agenda editor links to it): the editor stays light, and a
    refused item comes back here with everything typed."""
    meeting = get_editable_meeting(request, pk)
    section = request.GET.get("section")
    initial = {"section": section if section in {str(value) for value in Section.values} else 2}
    form = AgendaItemForm(request.POST or None, meeting=meeting, initial={**initial, "planned_minutes": 10})
    if request.method == "POST" and form.is_valid():
        try:
            item = form.save(commit=False)
            services.agenda_item_save(
                meeting=meeting,
                item=item,
                expected_version=form.cleaned_data["version"],
                changes={"added": (None, form.cleaned_data["title"])},
                by=request.user,
            )
            form.save_m2m()
        except services.EditConflict:
            _conflict(request)
            return redirect(meeting)
        messages.success(request, _("The item was added."))
        return redirect(f"{meeting.get_absolute_url()}#item-{item.pk}")
    return render(request, "meetings/item_form.html", {"form": form, "meeting": meeting, "item": None})


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


@manager_required
def item_delete(request, pk, item_pk):
    meeting = get_editable_meeting(request, pk)
    item = get_object_or_404(AgendaItem, pk=item_pk, meeting=meeting)
    form = VersionForm(request.POST or None, initial={"version": meeting.version})
    if not confirmed(request) or not form.is_valid():
        return confirmation_page(
            request,
            meeting=meeting,
            title=_("Remove an agenda item"),
            consequences=[
                _("The item is taken off the agenda, with its planned time and the documents attached to it."),
                _("The removal is written in the meeting's history of changes."),
            ],
            subject=item.title,
            subject_label=_("The item"),
            button=_("Remove the item"),
            cancel_url=f"{meeting.get_absolute_url()}#item-{item.pk}",
            hidden=[("version", request.POST.get("version") or meeting.version)],
        )
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


@manager_required
def meeting_publish(request, pk):
    meeting = get_editable_meeting(request, pk)
    if meeting.status != meeting.Status.DRAFT:
        messages.info(request, _("The agenda is already published."))
        return redirect(meeting)
    if not confirmed(request):
        return confirmation_page(
            request,
            meeting=meeting,
            title=_("Publish the agenda"),
            consequences=[
                _("Every member of the cell can read the agenda and download it as a PDF."),
                _("The agenda takes its number, and the date of publication is printed on it."),
                _("It cannot go back to a draft: later changes are written in its history of changes."),
            ],
            subject="\n".join(f"{n}. {item.title}" for n, item in enumerate(meeting.items.all(), start=1)),
            subject_label=_("The agenda"),
            blockers=[] if meeting.items.all() else [_("An empty agenda cannot be published: add its items first.")],
            button=_("Publish the agenda"),
            button_class="btn-success",
            cancel_url=meeting.get_absolute_url(),
        )
    try:
        services.meeting_publish(meeting=meeting, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The agenda was published: every member of the cell can now read it."))
    return redirect(meeting)


@member_required
def agenda_pdf(request, pk, ext="pdf"):
    """The programme as a PDF or a .docx; frozen once the meeting is held (the agenda no longer changes)."""
    meeting = get_meeting_for_user(request, pk)
    return document_response(agenda_printable(meeting), ext=ext, frozen=not meeting.agenda_editable)


def _conflict(request):
    messages.error(
        request,
        _(
            "Someone else changed this agenda after you opened it. Your change was not saved: "
            "the page now shows their version; make your change again."
        ),
    )
