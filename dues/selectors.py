"""Reads of the dues ledger: each member's due, paid and owed per month, computed in a fixed number of queries
(members, their declarations, the payments, the rates), whatever the number of members or months."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q
from django.utils import timezone

from core.months import month_after
from dues.models import REDUCTION, BasisKind, DuesBasis, DuesPayment, DuesRate, DuesRemittance, DuesSettings, Relief
from members.models import AuditEntry, Cell, Member
from members.selectors import field_label, history_line, sort_by_name
from members.selectors import register_history as register_history_of

# A member who has not paid three months of a year without a valid reason: the cell proposes striking them off
# (Điều lệ Đảng; Quy định 01-QĐ/TW).
UNPAID_MONTHS_WARNING = 3


class State:
    NOT_MEMBER = "none"  # not a member of the cell that month
    PAID = "paid"
    PARTIAL = "partial"  # paid less than the rate
    EXEMPT = "exempt"
    UNPAID = "unpaid"  # a past month, nothing paid, no exemption: counts towards the warning
    OPEN = "open"  # this month, not yet paid
    FUTURE = "future"  # a month to come


def months_of(year: int) -> list[date]:
    return [date(year, m, 1) for m in range(1, 13)]


def dues_keeper(cell: Cell) -> Member | None:
    settings = DuesSettings.objects.select_related("treasurer").filter(cell=cell).first()
    return settings.treasurer if settings else None


def may_keep_dues(member: Member) -> bool:
    """The secretary, the deputy and the committee member in charge of finance keep the cell's ledger."""
    if member.may_manage:
        return True
    return member.may_prepare and DuesSettings.objects.filter(cell_id=member.cell_id, treasurer=member).exists()


def rates() -> list[DuesRate]:
    return list(DuesRate.objects.order_by("valid_from", "pk"))


def rate_for(all_rates: list[DuesRate], kind: str, month: date) -> DuesRate | None:
    """The rate of ``kind`` in force in ``month`` (the last one valid by its end); before the first stored rate of
    that kind, the first one."""
    of_kind = [rate for rate in all_rates if rate.basis == kind]
    valid = [rate for rate in of_kind if rate.valid_from < month_after(month)]
    return valid[-1] if valid else (of_kind[0] if of_kind else None)


def basis_for(bases: list[DuesBasis], month: date) -> DuesBasis | None:
    """The member's declaration in force in ``month``; ``bases`` newest first."""
    return next((basis for basis in bases if basis.valid_from <= month), None)


def due_for(basis: DuesBasis | None, all_rates: list[DuesRate], month: date) -> tuple[int | None, str]:
    """The month's dues of a member with this declaration, and the relief applied: (None, …) when nothing is
    declared."""
    if basis is None:
        return None, Relief.NONE
    relief = basis.relief_on(month)
    if relief == Relief.EXEMPT:
        return 0, relief
    if basis.kind == BasisKind.FIXED:
        amount = basis.declared_amount
    else:
        rate = rate_for(all_rates, basis.kind, month)
        if rate is None:
            return None, relief
        amount = rate.amount_for(basis.declared_amount)
    if relief in REDUCTION:
        amount = amount * (100 - REDUCTION[relief]) // 100
    return amount, relief


def is_member_in(member: Member, month: date) -> bool:
    return member.admission_date < month_after(month) and (member.left_on is None or member.left_on > month)


@dataclass
class MonthEntry:
    month: date
    state: str
    due: int | None = None
    paid: int = 0
    relief: str = Relief.NONE
    payments: list = field(default_factory=list)

    @property
    def owed(self) -> int:
        if self.due is None or self.state in (State.NOT_MEMBER, State.EXEMPT):
            return 0
        return max(self.due - self.paid, 0)


@dataclass
class LedgerRow:
    member: Member
    basis: DuesBasis | None
    months: list[MonthEntry]

    @property
    def paid(self) -> int:
        return sum(entry.paid for entry in self.months)

    @property
    def due(self) -> int:
        return sum(entry.due or 0 for entry in self.months if entry.state != State.NOT_MEMBER)

    @property
    def unpaid(self) -> list[date]:
        return [entry.month for entry in self.months if entry.state == State.UNPAID]

    @property
    def warned(self) -> bool:
        return len(self.unpaid) >= UNPAID_MONTHS_WARNING


def _members(cell: Cell, first: date, last: date):
    return (
        Member.objects.filter(cell=cell, admission_date__lt=month_after(last))
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=first))
        .select_related("unit")
    )


def ledger(cell: Cell, months: list[date], *, members=None, today: date | None = None) -> list[LedgerRow]:
    """One row per member of the cell during ``months`` (consecutive), each month's due, paid and state: four
    queries (members, declarations, payments with their collectors, rates)."""
    today = today or timezone.localdate()
    this_month = today.replace(day=1)
    first, last = months[0], months[-1]
    people = sort_by_name(members if members is not None else _members(cell, first, last))
    bases: dict[int, list[DuesBasis]] = {}
    for basis in DuesBasis.objects.filter(member__in=[m.pk for m in people], valid_from__lte=last).order_by(
        "-valid_from"
    ):
        bases.setdefault(basis.member_id, []).append(basis)
    payments: dict[int, list[DuesPayment]] = {}
    for payment in (
        DuesPayment.objects.filter(member__in=[m.pk for m in people], first_month__lte=last, last_month__gte=first)
        .select_related("collected_by")
        .order_by("paid_on", "pk")
    ):
        payments.setdefault(payment.member_id, []).append(payment)
    all_rates = rates()
    rows = []
    for member in people:
        own_bases = bases.get(member.pk, [])
        entries = []
        for month in months:
            if not is_member_in(member, month):
                entries.append(MonthEntry(month, State.NOT_MEMBER))
                continue
            due, relief = due_for(basis_for(own_bases, month), all_rates, month)
            paying = [p for p in payments.get(member.pk, []) if p.first_month <= month <= p.last_month]
            paid = sum(p.share_of(month) for p in paying)
            if paying:
                state = State.PARTIAL if due and paid < due else State.PAID
            elif relief == Relief.EXEMPT:
                state = State.EXEMPT
            elif month < this_month:
                state = State.UNPAID
            elif month == this_month:
                state = State.OPEN
            else:
                state = State.FUTURE
            entries.append(MonthEntry(month, state, due, paid, relief, paying))
        rows.append(LedgerRow(member, basis_for(own_bases, last), entries))
    return rows


@dataclass
class MonthFigures:
    """The month's dues as the meeting reports them."""

    month: date
    paid: int  # members who paid something for the month
    liable: int  # members who owe dues that month (members of the cell, not exempt)
    exempt: int
    total: int  # đồng paid for the month
    kept: bool  # whether the cell keeps its dues in the ledger at all (else the meeting types them in)
    warned: list = field(default_factory=list)  # (member, unpaid months) with three or more in the year so far

    @property
    def sentence(self) -> str:
        """``7/9 đồng chí đã nộp đảng phí tháng 10/2026, tổng số 1.250.000 đồng``, in Vietnamese (the minutes)."""
        text = (
            f"{self.paid}/{self.liable} đồng chí đã nộp đảng phí tháng {self.month:%m/%Y}, "
            f"tổng số {vnd(self.total)} đồng"
        )
        if self.exempt:
            text += f" ({self.exempt} đồng chí được miễn)"
        return text


def month_figures(cell: Cell, month: date, today: date | None = None) -> MonthFigures:
    """The month's figures for the meeting, and who has three months of the year unpaid without a reason, in
    three queries: the members, their declarations (for exemptions), the year's payments up to the month. No rates
    are needed: the meeting reports what was paid."""
    this_month = (today or timezone.localdate()).replace(day=1)
    months = months_of(month.year)[: month.month]
    members = sort_by_name(
        _members(cell, month, month).select_related(None).only("pk", "full_name", "admission_date", "left_on")
    )
    pks = [member.pk for member in members]
    bases: dict[int, list[DuesBasis]] = {}
    for basis in DuesBasis.objects.filter(member__in=pks, valid_from__lte=month).order_by("-valid_from"):
        bases.setdefault(basis.member_id, []).append(basis)
    paid: dict[int, int] = {}
    covered: dict[int, set] = {}
    for payment in DuesPayment.objects.filter(member__in=pks, first_month__lte=month, last_month__gte=months[0]):
        covered.setdefault(payment.member_id, set()).update(payment.months)
        if payment.first_month <= month <= payment.last_month:
            paid[payment.member_id] = paid.get(payment.member_id, 0) + payment.share_of(month)
    exempt, warned = 0, []
    for member in members:
        own = bases.get(member.pk, [])
        basis = basis_for(own, month)
        if member.pk not in paid and basis is not None and basis.relief_on(month) == Relief.EXEMPT:
            exempt += 1
        unpaid = [
            m
            for m in months
            if m < this_month
            and is_member_in(member, m)
            and m not in covered.get(member.pk, ())
            and not ((b := basis_for(own, m)) is not None and b.relief_on(m) == Relief.EXEMPT)
        ]
        if len(unpaid) >= UNPAID_MONTHS_WARNING:
            warned.append((member, unpaid))
    return MonthFigures(
        month=month,
        paid=len(paid),
        liable=len(members) - exempt,
        exempt=exempt,
        total=sum(paid.values()),
        kept=bool(paid or bases),
        warned=warned,
    )


def remittance_due(member: Member, today: date) -> date | None:
    """Last month, when the cell recorded payments for it but not yet its remittance, and ``member`` keeps the
    ledger (one query, two for the committee)."""
    if not may_keep_dues(member):
        return None
    month = date(today.year - (today.month == 1), (today.month - 2) % 12 + 1, 1)
    waiting = (
        DuesPayment.objects.filter(cell_id=member.cell_id, first_month__lte=month, last_month__gte=month)
        .exclude(cell__dues_remittances__month=month)
        .exists()
    )
    return month if waiting else None


def remittance_of(cell: Cell, month: date) -> DuesRemittance | None:
    return DuesRemittance.objects.select_related("created_by__member").filter(cell=cell, month=month).first()


def remittances_of(cell: Cell, year: int) -> dict[date, DuesRemittance]:
    return {r.month: r for r in DuesRemittance.objects.filter(cell=cell, month__year=year)}


def payments_of_member(member: Member, year: int) -> list[DuesPayment]:
    first, last = date(year, 1, 1), date(year, 12, 1)
    return list(
        DuesPayment.objects.filter(member=member, first_month__lte=last, last_month__gte=first)
        .select_related("collected_by")
        .order_by("-paid_on", "-pk")
    )


def vnd(amount: int | None) -> str:
    """``1.250.000``: whole đồng with the Vietnamese thousands separator."""
    return f"{amount or 0:,}".replace(",", ".")


LOG_SHOWN = 200  # the newest changes of a year listed under its ledger
LOGGED = (DuesPayment, DuesBasis, DuesRemittance, DuesSettings)
MONEY = {"amount", "declared_amount", "fixed_amount"}  # logged in whole đồng: shown as the ledger shows them


def dues_log(cell: Cell, year: int) -> list[AuditEntry]:
    """Who recorded, removed or changed what in the cell's dues during ``year`` (payments, bases, remittances, the
    treasurer), newest first, each change in words (``entry.lines``): the ledger's own history, one query."""
    entries = list(
        AuditEntry.objects.filter(
            cell=cell,
            content_type__app_label=DuesPayment._meta.app_label,
            content_type__model__in=[kind._meta.model_name for kind in LOGGED],
            created_at__year=year,
        )
        .select_related("actor__member", "content_type")
        .order_by("-created_at", "-pk")[:LOG_SHOWN]
    )
    for entry in entries:
        model = entry.content_type.model_class()
        entry.lines = [history_line(model, key, old, new) for key, (old, new) in (entry.changes or {}).items()]
    return entries


def register_history() -> None:
    """A dues record's logged amounts read as the ledger writes them (1.250.000), wherever its history shows;
    its other keys read as fields (``members.selectors.register_history``)."""
    for model in LOGGED:
        register_history_of(model, _money_describer(model))


def _money_describer(model):
    def describe(key: str, old, new):
        if key not in MONEY:
            return None
        return field_label(model, key), _money(old), _money(new)

    return describe


def _money(value) -> str:
    return vnd(value) if isinstance(value, int) else "—"
