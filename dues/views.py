"""The cell's dues ledger (the secretary, the deputy and the committee member in charge of finance) and each
member's own dues."""

from datetime import date
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.months import month_after, sensible_year
from dues import services
from dues.forms import BasisForm, PaymentForm, RemittanceForm, TreasurerForm
from dues.models import DuesBasis, DuesPayment
from dues.selectors import (
    LOG_SHOWN,
    State,
    dues_keeper,
    dues_log,
    ledger,
    may_keep_dues,
    months_of,
    payments_of_member,
    rates,
    remittance_of,
    remittances_of,
    vnd,
)
from dues.xlsx import year_xlsx
from members.models import Member
from members.permissions import member_required
from members.selectors import sort_by_name

# Access, decided here for the whole app ------------------------------------------------------------


def keeper_required(view):
    """The secretary, the deputy or the committee member in charge of finance (403 for anyone else)."""

    @member_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not may_keep_dues(request.member):
            raise PermissionDenied(
                _("Only the secretary, the deputy or the committee member in charge of finance may do this.")
            )
        return view(request, *args, **kwargs)

    return wrapper


def get_member_of_cell(request, pk) -> Member:
    return get_object_or_404(Member.objects.select_related("cell", "unit"), pk=pk, cell=request.member.cell)


def _month(year: int, month: int) -> date:
    return date(year, month, 1)


def _members(cell) -> list[Member]:
    return sort_by_name(Member.objects.filter(cell=cell).active())


# The cell's month ----------------------------------------------------------------------------------


@keeper_required
def month_view(request, year, month):
    cell = request.member.cell
    month = _month(year, month)
    rows = ledger(cell, months_of(month.year)[: month.month])  # the year so far: the same four queries
    entries = [(row, row.months[-1]) for row in rows]
    counted = [entry for _row, entry in entries if entry.state != State.NOT_MEMBER]
    previous = date(month.year - (month.month == 1), (month.month - 2) % 12 + 1, 1)
    following = month_after(month)
    context = {
        "month": month,
        "entries": [(row, entry) for row, entry in entries if entry.state != State.NOT_MEMBER],
        "paid_count": sum(1 for entry in counted if entry.payments),
        "liable": sum(1 for entry in counted if entry.state != State.EXEMPT),
        "due_total": sum(entry.due or 0 for entry in counted),
        "paid_total": sum(entry.paid for entry in counted),
        "remittance": remittance_of(cell, month),
        "warned": [row for row in rows if row.warned],
        "treasurer": dues_keeper(cell),
        "previous": previous if sensible_year(previous.year) else None,
        "following": following if sensible_year(following.year) else None,
        "this_month": timezone.localdate().replace(day=1),
    }
    if request.member.may_manage:
        committee = sort_by_name(Member.objects.filter(cell=cell, role__in=Member.COMMITTEE_ROLES).active())
        context["treasurer_form"] = TreasurerForm(
            committee=committee, initial={"treasurer": context["treasurer"].pk if context["treasurer"] else None}
        )
    return render(request, "dues/month.html", context)


@keeper_required
def payment_create(request, year, month):
    cell = request.member.cell
    month = _month(year, month)
    members = _members(cell)
    initial = {
        "first_month": month,
        "paid_on": timezone.localdate(),
        "collected_by": request.member.pk,
        "method": DuesPayment.Method.CASH,
        "member": request.GET.get("member", ""),
    }
    chosen = next((m for m in members if str(m.pk) == request.GET.get("member")), None)
    if chosen is not None and request.method != "POST":  # the month's rate, for the treasurer to confirm
        due = ledger(cell, [month], members=[chosen])[0].months[0].due
        initial["amount"] = vnd(due) if due else ""
    form = PaymentForm(request.POST or None, members=members, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            payment = services.payment_record(cell=cell, by=request.user, **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(name)s: %(amount)s đồng recorded for %(months)s.")
                % {"name": payment.member.full_name, "amount": vnd(payment.amount), "months": payment.months_label},
            )
            return redirect("dues:month", month.year, month.month)
    return render(
        request,
        "dues/form.html",
        {"form": form, "title": _("Record a payment of party dues"), "month": month},
    )


@keeper_required
def remittance_create(request, year, month):
    """Record the month's remittance: the form, then a confirmation page (it cannot be changed afterwards)."""
    cell = request.member.cell
    month = _month(year, month)
    done = remittance_of(cell, month)
    if done is not None:
        messages.info(request, _("The dues of %(month)s were already remitted.") % {"month": f"{month:%m/%Y}"})
        return redirect("dues:month", month.year, month.month)
    paid_total = sum(row.months[0].paid for row in ledger(cell, [month]))
    form = RemittanceForm(
        request.POST or None, initial={"amount": paid_total or "", "remitted_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if request.POST.get("confirm") == "1":
            try:
                services.remittance_record(cell=cell, month=month, by=request.user, **data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The remittance of %(month)s was recorded.") % {"month": f"{month:%m/%Y}"})
                return redirect("dues:month", month.year, month.month)
        else:
            return render(
                request,
                "dues/remit_confirm.html",
                {
                    "month": month,
                    "data": data,
                    "paid_total": paid_total,
                    "hidden": [(name, request.POST.get(name, "")) for name in form.fields],
                },
            )
    return render(
        request,
        "dues/form.html",
        {
            "form": form,
            "title": _("Remit the dues of %(month)s to the superior committee") % {"month": f"{month:%m/%Y}"},
            "month": month,
            "paid_total": paid_total,
        },
    )


@keeper_required
def payment_delete(request, pk):
    """Remove a payment recorded by mistake: a confirmation page first; the audit log keeps it."""
    payment = get_object_or_404(
        DuesPayment.objects.select_related("member", "cell", "collected_by"), pk=pk, cell=request.member.cell
    )
    back = reverse("dues:month", args=[payment.first_month.year, payment.first_month.month])
    error = ""
    if request.method == "POST" and request.POST.get("confirm") == "1":
        try:
            services.payment_cancel(payment=payment, by=request.user)
        except ValidationError as refused:
            error = " ".join(refused.messages)
        else:
            messages.success(request, _("The payment was removed; the log keeps what it was."))
            return redirect(back)
    return render(request, "dues/payment_delete.html", {"payment": payment, "cancel_url": back, "error": error})


@require_POST
@member_required
def treasurer_set(request):
    if not request.member.may_manage:
        raise PermissionDenied(_("Only the secretary or deputy secretary may do this."))
    cell = request.member.cell
    committee = sort_by_name(Member.objects.filter(cell=cell, role__in=Member.COMMITTEE_ROLES).active())
    form = TreasurerForm(request.POST, committee=committee)
    today = timezone.localdate()
    if not form.is_valid():
        messages.error(request, _("Choose a member of the cell committee."))
        return redirect("dues:month", today.year, today.month)
    try:
        services.treasurer_set(cell=cell, treasurer=form.cleaned_data["treasurer"], by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The committee member in charge of finance was saved."))
    return redirect("dues:month", today.year, today.month)


# A member's declared basis -------------------------------------------------------------------------


@keeper_required
def basis_edit(request, pk):
    member = get_member_of_cell(request, pk)
    bases = list(DuesBasis.objects.filter(member=member).select_related("created_by__member"))
    current = bases[0] if bases else None
    initial = {"valid_from": timezone.localdate().replace(day=1)}
    if current:
        initial.update(
            kind=current.kind,
            declared_amount=vnd(current.declared_amount) if current.declared_amount else "",
            relief=current.relief,
            relief_reason=current.relief_reason,
            relief_until=current.relief_until,
        )
    form = BasisForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.basis_declare(member=member, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The dues basis of %(name)s was saved.") % {"name": member.full_name})
            today = timezone.localdate()
            return redirect("dues:month", today.year, today.month)
    return render(
        request,
        "dues/basis.html",
        {
            "form": form,
            "member": member,
            "bases": bases,
            "rates": rates(),
            "title": _("Dues basis of %(name)s") % {"name": member.full_name},
        },
    )


# The year --------------------------------------------------------------------------------------------


def _year(request, year):
    cell = request.member.cell
    rows = ledger(cell, months_of(year))
    rows = [row for row in rows if any(entry.state != State.NOT_MEMBER for entry in row.months)]
    return cell, rows


@keeper_required
def year_view(request, year):
    cell, rows = _year(request, year)
    remittances = remittances_of(cell, year)
    months = months_of(year)
    totals = [sum(row.months[i].paid for row in rows) for i in range(12)]
    context = {
        "year": year,
        "rows": rows,
        "months": months,
        "month_totals": list(zip(months, totals, [remittances.get(m) for m in months], strict=True)),
        "warned": [row for row in rows if row.warned],
        "grand_total": sum(totals),
        "previous": year - 1 if sensible_year(year - 1) else None,
        "following": year + 1 if sensible_year(year + 1) else None,
        "log": dues_log(cell, year),
        "log_shown": LOG_SHOWN,
    }
    return render(request, "dues/year.html", context)


@keeper_required
def year_report(request, year):
    cell, rows = _year(request, year)
    response = HttpResponse(
        year_xlsx(cell, year, rows, remittances_of(cell, year)),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="dang-phi-{year}.xlsx"'
    return response


# A member's own dues -----------------------------------------------------------------------------------


@member_required
def my_dues(request):
    member = request.member
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = timezone.localdate().year
    if not sensible_year(year):
        raise Http404
    row = ledger(member.cell, months_of(year), members=[member])[0]
    context = {
        "year": year,
        "row": row,
        "payments": payments_of_member(member, year),
        "previous": year - 1 if sensible_year(year - 1) else None,
        "following": year + 1 if sensible_year(year + 1) else None,
        "may_keep": may_keep_dues(member),
        "ledger_url": reverse("dues:month", args=[timezone.localdate().year, timezone.localdate().month]),
    }
    return render(request, "dues/mine.html", context)
