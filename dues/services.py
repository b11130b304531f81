"""Writes to the dues ledger: each one checks its input, refuses it whole with a Vietnamese message (nothing is
recorded in part), and goes to the audit log."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.months import month_after
from dues.models import (
    MAX_DECLARED,
    MAX_PAYMENT,
    MAX_REMITTANCE,
    REDUCTION,
    BasisKind,
    DuesBasis,
    DuesPayment,
    DuesRemittance,
    DuesSettings,
    Relief,
)
from members.models import AuditEntry, Cell, Member
from members.services import audit_record

# A member may pay ahead for up to a year; paying further ahead is a typing error.
PREPAY_MONTHS = 12
# A reduction is granted for at most 12 months at a time (Quy định 01-QĐ/TW).
REDUCTION_MONTHS = 12


def _months_between(first: date, last: date) -> int:
    return (last.year - first.year) * 12 + last.month - first.month + 1


def _check_amount(amount, most: int, label: str) -> None:
    if amount is None or amount <= 0:
        raise ValidationError(_("%(what)s must be more than 0 đồng.") % {"what": label})
    if amount > most:
        raise ValidationError(
            _("%(what)s of %(amount)s đồng is not plausible (at most %(most)s đồng): check the figure.")
            % {"what": label, "amount": f"{amount:,}".replace(",", "."), "most": f"{most:,}".replace(",", ".")}
        )


def _check_months(member: Member, first: date, last: date, today: date) -> None:
    first, last = first.replace(day=1), last.replace(day=1)
    if last < first:
        raise ValidationError(_("The last month paid comes before the first."))
    joined = member.admission_date.replace(day=1)
    if first < joined:
        raise ValidationError(
            _("Comrade %(name)s was admitted to the Party in %(month)s: no dues are paid for %(first)s.")
            % {"name": member.full_name, "month": f"{joined:%m/%Y}", "first": f"{first:%m/%Y}"}
        )
    if member.left_on is not None and last >= month_after(member.left_on.replace(day=1)):
        raise ValidationError(
            _("Comrade %(name)s left the cell on %(left)s: dues after that month are not paid here.")
            % {"name": member.full_name, "left": f"{member.left_on:%d/%m/%Y}"}
        )
    limit = today.replace(day=1)
    for _i in range(PREPAY_MONTHS):
        limit = month_after(limit)
    if last > limit:
        raise ValidationError(
            _("Dues may be paid at most %(count)s months ahead (until %(month)s).")
            % {"count": PREPAY_MONTHS, "month": f"{limit:%m/%Y}"}
        )


@transaction.atomic
def payment_record(
    *,
    cell: Cell,
    member: Member,
    first_month: date,
    last_month: date,
    amount: int,
    method: str,
    paid_on: date,
    collected_by: Member | None,
    note: str = "",
    by,
) -> DuesPayment:
    """Record a member's payment for one month or several in a row."""
    today = timezone.localdate()
    if member.cell_id != cell.pk:
        raise ValidationError(_("This member is not in the cell."))
    _check_amount(amount, MAX_PAYMENT, _("The amount paid"))
    _check_months(member, first_month, last_month, today)
    if paid_on > today:
        raise ValidationError(_("The payment date cannot be in the future."))
    if paid_on < member.admission_date:
        raise ValidationError(_("The payment date comes before the member's admission to the Party."))
    if method == DuesPayment.Method.CASH and collected_by is None:
        raise ValidationError(_("Say who collected the cash."))
    if collected_by is not None and collected_by.cell_id != cell.pk:
        raise ValidationError(_("The collector is not in the cell."))
    payment = DuesPayment.objects.create(
        cell=cell,
        member=member,
        first_month=first_month.replace(day=1),
        last_month=last_month.replace(day=1),
        amount=amount,
        method=method,
        paid_on=paid_on,
        collected_by=collected_by if method == DuesPayment.Method.CASH else None,
        note=note,
        created_by=by,
    )
    audit_record(
        actor=by,
        cell=cell,
        instance=payment,
        action=AuditEntry.Action.CREATE,
        changes={
            "amount": (None, amount),
            gettext_noop("months"): (None, payment.months_label),
            "method": (None, method),
        },
    )
    return payment


@transaction.atomic
def basis_declare(
    *,
    member: Member,
    valid_from: date,
    kind: str,
    declared_amount: int,
    relief: str = Relief.NONE,
    relief_reason: str = "",
    relief_until: date | None = None,
    by,
) -> DuesBasis:
    """Record what a member declared from a month on (a later declaration for the same month replaces it)."""
    valid_from = valid_from.replace(day=1)
    relief_until = relief_until.replace(day=1) if relief_until else None
    if valid_from < member.admission_date.replace(day=1):
        raise ValidationError(
            _("Comrade %(name)s was admitted to the Party in %(month)s: the declaration cannot start earlier.")
            % {"name": member.full_name, "month": f"{member.admission_date:%m/%Y}"}
        )
    if kind in (BasisKind.SALARY, BasisKind.PENSION, BasisKind.FIXED):
        _check_amount(declared_amount, MAX_DECLARED, _("The declared amount"))
    elif declared_amount:
        raise ValidationError(_("A pupil or student pays the fixed rate: leave the declared amount empty."))
    if relief != Relief.NONE and not relief_reason.strip():
        raise ValidationError(_("Give the reason for the exemption or reduction (the member's application)."))
    if relief_until is not None and relief_until < valid_from:
        raise ValidationError(_("The exemption or reduction ends before it begins."))
    if relief in REDUCTION and (relief_until is None or _months_between(valid_from, relief_until) > REDUCTION_MONTHS):
        raise ValidationError(
            _("A reduction is granted for at most %(count)s months: give the month it ends.")
            % {"count": REDUCTION_MONTHS}
        )
    old = DuesBasis.objects.filter(member=member, valid_from=valid_from).first()
    fields = {
        "kind": kind,
        "declared_amount": declared_amount or 0,
        "relief": relief,
        "relief_reason": relief_reason.strip() if relief != Relief.NONE else "",
        "relief_until": relief_until if relief != Relief.NONE else None,
    }
    if old is None:
        basis = DuesBasis.objects.create(member=member, valid_from=valid_from, created_by=by, **fields)
        changes = {name: (None, value) for name, value in fields.items()}
        action = AuditEntry.Action.CREATE
    else:
        changes = {name: (getattr(old, name), value) for name, value in fields.items() if getattr(old, name) != value}
        for name, value in fields.items():
            setattr(old, name, value)
        old.created_by = by
        old.save()
        basis, action = old, AuditEntry.Action.UPDATE
    audit_record(actor=by, cell=member.cell, instance=basis, action=action, changes=changes)
    return basis


@transaction.atomic
def remittance_record(
    *, cell: Cell, month: date, amount: int, receipt_number: str, remitted_on: date, note: str = "", by
) -> DuesRemittance:
    """Record the month's dues remitted to the superior committee: once per month, it cannot be changed."""
    month = month.replace(day=1)
    today = timezone.localdate()
    _check_amount(amount, MAX_REMITTANCE, _("The amount remitted"))
    if not receipt_number.strip():
        raise ValidationError(_("Enter the receipt number."))
    if month > today.replace(day=1):
        raise ValidationError(_("A month that has not begun cannot be remitted."))
    if remitted_on > today:
        raise ValidationError(_("The remittance date cannot be in the future."))
    if remitted_on < month:
        raise ValidationError(_("The remittance date comes before the month it remits."))
    if DuesRemittance.objects.filter(cell=cell, month=month).exists():
        raise ValidationError(_duplicate(month))
    try:
        with transaction.atomic():
            remittance = DuesRemittance.objects.create(
                cell=cell,
                month=month,
                amount=amount,
                receipt_number=receipt_number.strip(),
                remitted_on=remitted_on,
                note=note,
                created_by=by,
            )
    except IntegrityError:  # the same month sent at the same moment by another request
        raise ValidationError(_duplicate(month)) from None
    audit_record(
        actor=by,
        cell=cell,
        instance=remittance,
        action=AuditEntry.Action.CREATE,
        changes={"amount": (None, amount), "receipt_number": (None, remittance.receipt_number)},
    )
    return remittance


@transaction.atomic
def payment_cancel(*, payment: DuesPayment, by) -> None:
    """Remove a payment recorded by mistake (the log keeps what it was); refused once a month it pays is remitted."""
    remitted = DuesRemittance.objects.filter(
        cell_id=payment.cell_id, month__gte=payment.first_month, month__lte=payment.last_month
    ).order_by("month")
    if first := remitted.first():
        raise ValidationError(
            _("The dues of %(month)s were already remitted to the superior committee: this payment stays.")
            % {"month": f"{first.month:%m/%Y}"}
        )
    audit_record(
        actor=by,
        cell=payment.cell,
        instance=payment,
        action=AuditEntry.Action.DELETE,
        changes={"amount": (payment.amount, None), gettext_noop("months"): (payment.months_label, None)},
    )
    payment.delete()


def _duplicate(month: date) -> str:
    return _("The dues of %(month)s were already remitted: a month is remitted once.") % {"month": f"{month:%m/%Y}"}


@transaction.atomic
def treasurer_set(*, cell: Cell, treasurer: Member | None, by) -> DuesSettings:
    settings, _created = DuesSettings.objects.select_for_update().get_or_create(cell=cell)
    if treasurer is not None and (treasurer.cell_id != cell.pk or not treasurer.is_committee):
        raise ValidationError(_("Choose a member of the cell committee."))
    old = settings.treasurer
    if old != treasurer:
        settings.treasurer = treasurer
        settings.save(update_fields=["treasurer"])
        audit_record(
            actor=by,
            cell=cell,
            instance=settings,
            action=AuditEntry.Action.UPDATE,
            changes={"treasurer": (str(old or ""), str(treasurer or ""))},
        )
    return settings
