from datetime import date, timedelta

from django.apps import apps
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from assignments.selectors import completion_by_member
from documents.files import document_response
from documents.models import FrozenDocument
from documents.selectors import frozen_copies, is_frozen
from documents.services import document_files_make
from evaluations import services
from evaluations.forms import (
    AnnounceForm,
    ClassificationForm,
    CommendationForm,
    OpenReviewForm,
    RatingLevelForm,
    ReviewSheetForm,
    ViolationForm,
    WorkGradeForm,
)
from evaluations.models import Commendation, MonthlyReview, RatingLevel, RecordView, Violation, WorkGrade
from evaluations.pdf import classification_printable, is_decided
from evaluations.selectors import (
    classification_day,
    confirmed_proposals,
    previous_rows,
    regularity,
    review_meetings,
    year_records,
)
from members.models import Member
from members.permissions import committee_required, manager_required, member_required
from members.selectors import history_of, name_sort_key, sort_by_name
from members.views import SettingRows

# Access, decided here for the whole app ------------------------------------------------


def get_review_for_user(request, year, month) -> MonthlyReview:
    """The committee's review sheet of a month of the member's cell (403 for members, 404 elsewhere)."""
    if not request.member.may_prepare:
        raise PermissionDenied(_("Only members of the cell committee may do this."))
    first = date(year, month, 1)  # the URL converters admit only real years and months
    return get_object_or_404(MonthlyReview.objects.select_related("cell"), cell=request.member.cell, month=first)


def get_person_for_user(request, pk) -> Member:
    """A member whose record the acting member may read: their own, or any of the cell for the committee.
    Another member's record answers 404, as if it did not exist."""
    person = get_object_or_404(Member.objects.with_related(), pk=pk, cell=request.member.cell)
    if not request.member.may_prepare and person.pk != request.member.pk:
        raise Http404
    return person


# The monthly review --------------------------------------------------------------------------


@committee_required
def review_list(request):
    cell = request.member.cell
    form = OpenReviewForm(request.POST or None, initial={"month": timezone.localdate().replace(day=1)})
    if request.method == "POST" and form.is_valid():
        month = form.cleaned_data["month"]
        existed = MonthlyReview.objects.filter(cell=cell, month=month).exists()
        review = services.review_open(cell=cell, month=month, by=request.member)
        if existed:
            messages.info(request, _("The review of this month already exists: here it is."))
        return redirect("evaluations:review", review.month.year, review.month.month)
    reviews = MonthlyReview.objects.filter(cell=cell).select_related("confirmed_by", "meeting")
    return render(
        request, "evaluations/reviews.html", {"form": form, "reviews": reviews, "today": timezone.localdate()}
    )


@member_required
def review_sheet(request, year, month):
    review = get_review_for_user(request, year, month)
    rows = list(review.rows.select_related("member__unit", "grade"))
    rows.sort(key=lambda row: name_sort_key(row.member))
    grades = services.work_grades(review.cell)
    last_month = (review.month - timedelta(days=1)).replace(day=1)
    outcomes = completion_by_member(review.cell, last_month, review.month)  # the tasks the meeting reviews
    form = ReviewSheetForm(
        request.POST or None, rows=rows, grades=grades, previous=previous_rows(review), tasks=outcomes
    )
    if request.method == "POST":
        if review.is_confirmed:
            messages.error(request, _("This review is confirmed: it can no longer be changed."))
            return redirect("evaluations:review", year, month)
        if form.is_valid():
            try:
                changed = services.review_save(review=review, rows=form.values(), by=request.member)
                if "submit" in request.POST:
                    services.review_submit(review=review, by=request.member)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The review was saved (%(n)s lines changed).") % {"n": changed})
                return redirect("evaluations:review", year, month)
    own, target = review_meetings(review)
    context = {
        "review": review,
        "form": form,
        "grades": grades,
        "history": history_of(review),
        "own_meeting": own,
        "target_meeting": target,
        "routed_on": own is not None and target is not None and target.pk != own.pk,
    }
    return render(request, "evaluations/review.html", context)


@require_POST
@manager_required
def review_confirm(request, year, month):
    review = get_review_for_user(request, year, month)
    try:
        services.review_confirm(review=review, by=request.member)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if review.meeting is None:
            messages.success(
                request, _("The review is confirmed: its proposals go to the next meeting, once it is prepared.")
            )
        else:
            messages.success(
                request,
                _("The review is confirmed: its proposals now appear in the agenda of %(meeting)s.")
                % {"meeting": review.meeting},
            )
    return redirect("evaluations:review", year, month)


# A member's record: reviews, commendations, violations, praise and criticism ---------------------


@member_required
def member_record(request, pk):
    person = get_person_for_user(request, pk)
    rows = person.review_rows.select_related("review", "grade").order_by("-review__month")
    if not request.member.may_prepare:
        rows = rows.filter(review__status=MonthlyReview.Status.CONFIRMED)  # a member reads confirmed reviews only
    services.record_view_log(viewer=request.member, subject=person, what=RecordView.What.REVIEW_RECORD)
    mine = person.pk == request.member.pk
    context = {
        "person": person,
        "views": person.record_views.select_related("viewer")[:50] if mine else [],
        "rows": rows[:24],
        "commendations": person.commendations.all(),
        "violations": person.violations.all(),
        "announcements": person.announcements.select_related("meeting").order_by("-meeting__date"),
        "may_edit": request.member.may_prepare,
    }
    return render(request, "evaluations/member.html", context)


def _record_form(request, form_class, instance, person, title):
    form = form_class(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        record = form.save(commit=False)
        record.cell, record.member = person.cell, person
        try:
            services.record_save(record=record, changes=form.changes(), by=request.member)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The record was saved."))
            return redirect("evaluations:member", person.pk)
    history = history_of(instance) if instance.pk else []
    context = {"form": form, "title": title, "person": person, "history": history}
    return render(request, "evaluations/record_form.html", context)


def _refuse_members(request) -> None:
    if not request.member.may_prepare:
        raise PermissionDenied(_("Only members of the cell committee may do this."))


def _editable_person(request, pk) -> Member:
    _refuse_members(request)
    return get_object_or_404(Member.objects.with_related(), pk=pk, cell=request.member.cell)


def _editable_record(request, model, pk):
    _refuse_members(request)
    return get_object_or_404(
        model.objects.select_related("member__cell", "member__unit"), pk=pk, cell=request.member.cell
    )


@member_required
def commendation_add(request, pk):
    person = _editable_person(request, pk)
    return _record_form(request, CommendationForm, Commendation(), person, _("Add a commendation"))


@member_required
def commendation_edit(request, pk):
    record = _editable_record(request, Commendation, pk)
    return _record_form(request, CommendationForm, record, record.member, _("Edit the commendation"))


@member_required
def violation_add(request, pk):
    person = _editable_person(request, pk)
    return _record_form(request, ViolationForm, Violation(), person, _("Record a violation or shortcoming"))


@member_required
def violation_edit(request, pk):
    record = _editable_record(request, Violation, pk)
    return _record_form(request, ViolationForm, record, record.member, _("Edit the violation or shortcoming"))


# At the meeting: what was announced --------------------------------------------------------------


@manager_required
def announce(request, pk):
    Meeting = apps.get_model("meetings", "Meeting")  # named by its label, as the lazy foreign keys do
    meeting = get_object_or_404(
        Meeting.objects.filter(cell=request.member.cell).exclude(status=Meeting.Status.DRAFT), pk=pk
    )
    if meeting.status == Meeting.Status.APPROVED and request.method == "POST":
        messages.error(request, _("The minutes of this meeting are approved and locked: nothing was changed."))
        return redirect("evaluations:announce", meeting.pk)
    proposals = confirmed_proposals(meeting)
    people = sort_by_name(Member.objects.filter(cell=meeting.cell).active(meeting.date))
    existing = {(a.member_id, a.kind): a for a in meeting.announcements.all()}
    form = AnnounceForm(request.POST or None, members=people, existing=existing, proposals=proposals)
    if request.method == "POST" and form.is_valid():
        services.announcements_save(meeting=meeting, entries=form.entries(), by=request.member)
        messages.success(request, _("What the meeting announced was recorded."))
        return redirect("evaluations:announce", meeting.pk)
    context = {"meeting": meeting, "form": form, "proposals": proposals, "locked": meeting.status == "approved"}
    return render(request, "evaluations/announce.html", context)


# Regularity and the yearly classification -------------------------------------------------------


@committee_required
def regularity_view(request):
    cell = request.member.cell
    people = sort_by_name(Member.objects.filter(cell=cell).active())
    rows, late = regularity(cell, people, timezone.localdate())
    return render(request, "evaluations/regularity.html", {"rows": rows, "late": late})


@committee_required
def classification(request, year):
    cell = request.member.cell
    levels = services.rating_levels(cell)
    records = year_records(cell, year, levels)
    form = ClassificationForm(
        request.POST or None, records=records, levels=levels, year=year, today=timezone.localdate()
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():  # all the levels or none
                for record, level, reason in form.decisions():
                    services.classification_confirm(
                        cell=cell,
                        year=year,
                        member=record.member,
                        level=level,
                        reason=reason,
                        points=record.points,
                        proposed=record.proposed.label if record.proposed else "",
                        by=request.member,
                        on=form.cleaned_data["decided_on"],
                        not_on_time=record.not_on_time,
                    )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if services.classification_freeze(cell=cell, year=year):
                document_files_make(cell=cell, pairs=[(FrozenDocument.Kind.CLASSIFICATION, year)])
            messages.success(request, _("The classification of %(year)s was confirmed.") % {"year": year})
            return redirect("evaluations:classification", year)
    context = {"year": year, "form": form, "records": records, "levels": levels, "cell": cell}
    context["frozen"] = frozen_copies(cell, year, [FrozenDocument.Kind.CLASSIFICATION])
    return render(request, "evaluations/classification.html", context)


@committee_required
def classification_pdf(request, year, ext="pdf"):
    """The year's classification report; frozen once the committee has decided every member's level."""
    cell = request.member.cell
    levels = services.rating_levels(cell)
    # The report states the record as the committee saw it on the day it decided, not as it reads today.
    records = year_records(cell, year, levels, today=classification_day(cell, year))
    frozen = is_frozen(cell, FrozenDocument.Kind.CLASSIFICATION, year) or is_decided(records)
    return document_response(classification_printable(cell, year, records, levels), ext=ext, frozen=frozen)


@member_required
def my_record(request):
    return redirect(reverse("evaluations:member", args=[request.member.pk]))


# The work grades and the rating levels, ordered settings of the cell (served by members.views) -------------


GRADES = SettingRows(
    model=WorkGrade,
    form=WorkGradeForm,
    rows=services.work_grades,
    template="evaluations/grades.html",
    edit_template="evaluations/setting_form.html",
    url="meetings:grades",
    initial={},
    added=gettext_lazy("The grade was added."),
    saved=gettext_lazy("The grade was saved."),
    removed=gettext_lazy("The grade was removed."),
)


RATINGS = SettingRows(
    model=RatingLevel,
    form=RatingLevelForm,
    rows=services.rating_levels,
    template="evaluations/ratings.html",
    edit_template="evaluations/setting_form.html",
    url="meetings:ratings",
    initial={"min_points": 50},
    added=gettext_lazy("The level was added to the classification."),
    saved=gettext_lazy("The level was saved."),
    removed=gettext_lazy("The level was removed from the classification."),
)
