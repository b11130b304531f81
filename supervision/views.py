from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.months import sensible_year
from documents.files import document_response
from documents.forms import AddendumForm
from documents.models import FrozenDocument
from documents.selectors import frozen_copies
from documents.services import document_files_make
from evaluations.models import RecordView
from evaluations.services import record_view_log
from members.models import Member
from members.permissions import committee_required, manager_required, member_required
from members.selectors import history_of, sort_by_name
from supervision import services
from supervision.forms import (
    ApproveForm,
    CandidateForm,
    FindingsForm,
    ItemFormSet,
    PlanForm,
    ReportForm,
)
from supervision.models import Candidate, SupervisionItem, SupervisionPlan
from supervision.pdf import plan_printable, report_printable
from supervision.selectors import committee_size, coverage, plan_items, plans_for, pool

ITEM_FIELDS = ["member", "content", "form", "method", "supervisor", "period_start", "period_end", "report_due"]
FINDINGS = ["strengths", "shortcomings", "recommendations", "violation_sign"]

# Access, decided here for the whole app ------------------------------------------------


def get_plan_for_user(request, pk) -> SupervisionPlan:
    """A plan of the member's cell: the committee sees all; a member only approved plans that concern them."""
    return get_object_or_404(plans_for(request.member).select_related("approved_by"), pk=pk)


def get_draft_plan(request, pk) -> SupervisionPlan:
    """The secretary's plan to edit (403 for others); a locked plan is refused and the attempt logged."""
    if not request.member.may_manage:
        raise PermissionDenied(_("Only the secretary or deputy secretary may do this."))
    return get_object_or_404(SupervisionPlan.objects.filter(cell=request.member.cell), pk=pk)


# Plans -----------------------------------------------------------------------------------------


@member_required
def plan_list(request):
    year, quarter = services.next_quarter(request.member.cell)
    plans = plans_for(request.member)
    return render(request, "supervision/plans.html", {"plans": plans, "next": (year, quarter)})


def _quarter_asked(request) -> tuple[int, int] | None:
    """The quarter the button named ("Propose the plan for quarter 1/2027"): a second press of it meets
    the plan the first one made, instead of proposing the quarter after."""
    try:
        year, quarter = int(request.POST.get("year", "")), int(request.POST.get("quarter", ""))
    except ValueError:
        return None
    return (year, quarter) if sensible_year(year) and 1 <= quarter <= 4 else None


@require_POST
@manager_required
def plan_create(request):
    cell = request.member.cell
    year, quarter = _quarter_asked(request) or services.next_quarter(cell)
    try:
        plan = services.plan_propose(cell=cell, year=year, quarter=quarter, by=request.member)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("supervision:plans")
    messages.success(
        request, _("Next quarter's plan is proposed: every member, with last quarter's contents. Check it.")
    )
    return redirect("supervision:plan_edit", plan.pk)


def _detail(request, plan, *, approve_form=None, report_form=None, addendum_form=None):
    context = {
        "plan": plan,
        "items": plan_items(plan, request.member),
        "addenda": plan.addenda.select_related("by"),
        "addendum_form": addendum_form or AddendumForm(),
        "approve_form": approve_form or ApproveForm(initial={"approved_on": services.approval_day_default(plan)}),
        "report_form": report_form
        or ReportForm(
            initial={
                "summary": plan.report,
                "recommendations": plan.report_recommendations,
                "reported_on": plan.report_date or timezone.localdate(),
            }
        ),
        "history": history_of(plan) if request.member.may_manage else [],
        # the committee's copies (an ordinary member's download is an extract of their own lines)
        "frozen": frozen_copies(
            plan.cell,
            plan.pk,
            [FrozenDocument.Kind.PLAN, FrozenDocument.Kind.REPORT]
            if plan.is_locked and request.member.may_prepare
            else [],
        ),
    }
    return render(request, "supervision/plan.html", context)


@member_required
def plan_detail(request, pk):
    return _detail(request, get_plan_for_user(request, pk))


@manager_required
def plan_edit(request, pk):
    plan = get_draft_plan(request, pk)
    if plan.is_locked:
        if request.method == "POST":
            try:
                services.refuse_if_locked(plan=plan, by=request.member)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
        else:
            messages.error(request, str(services.PlanLocked().messages[0]))
        return redirect(plan)
    cell = plan.cell
    items = list(plan.items.select_related("member", "supervisor"))
    people = sort_by_name(Member.objects.filter(cell=cell).active(plan.bounds[0]))
    kwargs = {"members": people, "committee": services.committee_of(cell), "bounds": plan.bounds, "cell": cell}
    initial = [
        {
            "item_id": item.pk,
            "member": item.member_id,
            "content": item.content,
            "form": item.form,
            "method": item.method,
            "supervisor": item.supervisor_id,
            "period_start": item.period_start,
            "period_end": item.period_end,
            "report_due": item.report_due,
        }
        for item in items
    ]
    form = PlanForm(request.POST or None, instance=plan)
    formset = ItemFormSet(request.POST or None, initial=initial, form_kwargs=kwargs, prefix="item")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        by_pk = {item.pk: item for item in items}
        rows = []
        for row in formset.cleaned_data:
            if not row.get("member"):
                continue
            values = {name: row[name] for name in ITEM_FIELDS}
            if row.get("item_id") is not None and row["item_id"] not in by_pk:
                messages.error(request, _("The plan was changed meanwhile: open it again."))
                return redirect("supervision:plan_edit", plan.pk)
            rows.append((by_pk.get(row.get("item_id")), values, row.get("DELETE", False)))
        try:
            services.plan_save(plan=plan, fields=form.cleaned_data, items=rows, by=request.member)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The plan was saved."))
            return redirect(plan)
    return render(request, "supervision/plan_edit.html", {"plan": plan, "form": form, "formset": formset})


@require_POST
@manager_required
def plan_approve(request, pk):
    plan = get_draft_plan(request, pk)
    form = ApproveForm(request.POST)
    if form.is_valid():
        try:
            services.plan_approve(plan=plan, by=request.member, on=form.cleaned_data["approved_on"] or None)
        except ValidationError as error:
            form.add_error("approved_on", error)
        else:
            document_files_make(cell=plan.cell, pairs=[(FrozenDocument.Kind.PLAN, plan.pk)])
            messages.success(request, _("The plan is approved and locked; members now see what concerns them."))
            return redirect(plan)
    messages.error(request, _("The plan was not approved: see the approval date."))
    return _detail(request, plan, approve_form=form)


@require_POST
@manager_required
def plan_addendum(request, pk):
    plan = get_draft_plan(request, pk)
    form = AddendumForm(request.POST)
    if not form.is_valid():  # the page again, the text as typed beside the reason
        messages.error(request, _("The correction was not added: see the form below. Nothing you wrote was lost."))
        return _detail(request, plan, addendum_form=form)
    try:
        services.addendum_add(plan=plan, text=form.cleaned_data["text"], by=request.member)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The correction was added to the plan."))
    return redirect(plan)


@require_POST
@manager_required
def plan_report(request, pk):
    plan = get_draft_plan(request, pk)
    form = ReportForm(request.POST)
    if form.is_valid():
        try:
            services.plan_report(
                plan=plan,
                summary=form.cleaned_data["summary"],
                recommendations=form.cleaned_data["recommendations"],
                on=form.cleaned_data["reported_on"],
                by=request.member,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            document_files_make(cell=plan.cell, pairs=[(FrozenDocument.Kind.REPORT, plan.pk)])
            messages.success(request, _("The quarter's results are reported."))
            return redirect(plan)
    messages.error(request, _("The report was not saved: see the form below. Nothing you wrote was lost."))
    return _detail(request, plan, report_form=form)


@member_required
def findings(request, pk):
    """The supervisor (or the secretary) records what supervision found about one member."""
    item = get_object_or_404(
        SupervisionItem.objects.select_related("plan__cell", "member", "supervisor", "violation"),
        pk=pk,
        plan__cell=request.member.cell,
    )
    if item.supervisor_id != request.member.pk and not request.member.may_manage:
        raise PermissionDenied(_("Only the supervising committee member or the secretary records these findings."))
    if request.method == "GET":
        record_view_log(viewer=request.member, subject=item.member, what=RecordView.What.FINDINGS)
    form = FindingsForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in FINDINGS}
        item.refresh_from_db()  # the form wrote to the instance: the service compares against what is stored
        try:
            services.findings_save(
                item=item, values=values, by=request.member, create_violation=form.cleaned_data["create_violation"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The findings were recorded."))
            return redirect(item.plan)
    return render(request, "supervision/findings.html", {"item": item, "form": form, "history": history_of(item)})


@member_required
def plan_pdf(request, pk, ext="pdf"):
    """The plan as a PDF or a .docx. Once approved, the committee gets the frozen copy; an ordinary member
    gets the lines about them only, an extract made now (the frozen copy has every member's lines)."""
    plan = get_plan_for_user(request, pk)
    frozen = plan.is_locked and request.member.may_prepare
    return document_response(plan_printable(plan, reader=request.member), ext=ext, frozen=frozen)


@committee_required
def report_pdf(request, pk, ext="pdf"):
    plan = get_plan_for_user(request, pk)
    frozen = plan.status == SupervisionPlan.Status.REPORTED
    return document_response(report_printable(plan, reader=request.member), ext=ext, frozen=frozen)


# Coverage and the committee-source pool ---------------------------------------------------------


@committee_required
def coverage_view(request, year):
    rows = coverage(request.member.cell, year, timezone.localdate())
    # No link past the years the app takes (an address it could not make would be a 500).
    context = {
        "rows": rows,
        "year": year,
        "previous": year - 1 if sensible_year(year - 1) else None,
        "next": year + 1 if sensible_year(year + 1) else None,
    }
    return render(request, "supervision/coverage.html", context)


@committee_required
def pool_view(request):
    cell = request.member.cell
    taken = set(Candidate.objects.filter(cell=cell).values_list("member_id", flat=True))
    people = [m for m in sort_by_name(Member.objects.filter(cell=cell).active()) if m.pk not in taken]
    form = CandidateForm(request.POST or None, cell=cell, members=people)
    if request.method == "POST":
        if not request.member.may_manage:
            raise PermissionDenied(_("Only the secretary or deputy secretary may do this."))
        if form.is_valid():
            try:
                services.candidate_add(by=request.member, cell=cell, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The member was added to the pool of future committee members."))
                return redirect("supervision:pool")
    context = {"rows": pool(cell), "form": form, "size": committee_size(cell), "cell": cell}
    return render(request, "supervision/pool.html", context)


@require_POST
@manager_required
def pool_remove(request, pk):
    candidate = get_object_or_404(Candidate, pk=pk, cell=request.member.cell)
    services.candidate_remove(candidate=candidate, by=request.member)
    messages.success(request, _("The member was taken out of the pool."))
    return redirect("supervision:pool")
