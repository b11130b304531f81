"""The demo year's party dues of Chi bộ 4: each member's declared salary, their payments month by month (cash to
the committee member in charge of finance at the meeting, or a transfer a few days before), the monthly
remittances with their receipts; one member leaves three months of one year unpaid without a reason (the
warning), another has not yet paid the month the last meeting reviewed."""

from datetime import date

from core.demo_clock import as_of, at
from core.months import month_after
from dues import services
from dues.models import BasisKind, DuesPayment, DuesRemittance
from dues.selectors import ledger
from members.models import Cell, Member

# The salary on which social insurance is paid (đồng a month): 1 % of it is the month's dues.
SALARIES = {
    "bithu": 14_850_000,
    "phobithu": 13_200_000,
    "chiuy": 11_700_000,
    "dangvien": 9_360_000,
    "hoangduc": 12_100_000,
    "vuha": 8_640_000,
    "danghung": 9_000_000,
    "builan": 7_020_000,
    "ngolong": 10_530_000,
}
TRANSFER = {"phobithu", "vuha", "builan"}  # pay on the National Public Service Portal
TREASURER = "chiuy"
LATE = "danghung"  # three months of one year unpaid, no reason given
NOT_YET = "ngolong"  # has not yet paid the month the last held meeting reviewed
PREPAID = "hoangduc"  # paid the first quarter of the demo year at once
MEETING_DAY = 5


def _before(month: date, count: int) -> date:
    for _i in range(count):
        month = date(month.year - (month.month == 1), (month.month - 2) % 12 + 1, 1)
    return month


def unpaid_months(latest: date) -> list[date]:
    """Three past months of one calendar year: the three before the last held meeting's month, or, early in a
    year, September to November of the year before."""
    if latest.month >= 4:
        return [_before(latest, 3), _before(latest, 2), _before(latest, 1)]
    return [date(latest.year - 1, m, 1) for m in (9, 10, 11)]


def load_dues(cell: Cell, members: dict[str, Member], by, first: date, latest: date) -> None:
    """The months from ``first`` to ``latest`` (the last held meeting's month); safe to run again."""
    if DuesPayment.objects.filter(cell=cell).exists():
        return
    with as_of(at(first, 9)):  # the year's ledger opened: its treasurer and each member's declared salary
        services.treasurer_set(cell=cell, treasurer=members[TREASURER], by=by)
        for username, salary in SALARIES.items():
            services.basis_declare(
                member=members[username], valid_from=first, kind=BasisKind.SALARY, declared_amount=salary, by=by
            )
    skipped = set(unpaid_months(latest))
    treasurer = members[TREASURER]
    months = []
    month = first
    while month <= latest:
        months.append(month)
        month = month_after(month)
    for index, month in enumerate(months):
        for position, (username, salary) in enumerate(SALARIES.items()):
            if username == LATE and month in skipped:
                continue
            if username == NOT_YET and month == _before(latest, 1):
                continue
            if username == PREPAID and index in (1, 2):
                continue  # paid with the first month
            last = months[min(index + 2, len(months) - 1)] if username == PREPAID and index == 0 else month
            count = (last.year - month.year) * 12 + last.month - month.month + 1
            transfer = username in TRANSFER
            paid_on = month.replace(day=MEETING_DAY - (2 if transfer else 0))
            with as_of(at(paid_on, 10 if transfer else 16, 5 * position)):  # cash at the meeting's end
                services.payment_record(
                    cell=cell,
                    member=members[username],
                    first_month=month,
                    last_month=last,
                    amount=salary // 100 * count,
                    method=DuesPayment.Method.TRANSFER if transfer else DuesPayment.Method.CASH,
                    paid_on=paid_on,
                    collected_by=None if transfer else treasurer,
                    by=treasurer.user,  # the committee member in charge of finance keeps the ledger
                )
    # Remitted to the Đảng ủy by the 10th of the month after, up to two months before the last meeting's month.
    totals = {}
    for row in ledger(cell, months):
        for entry in row.months:
            totals[entry.month] = totals.get(entry.month, 0) + entry.paid
    for number, month in enumerate(months[:-2], start=1):
        if DuesRemittance.objects.filter(cell=cell, month=month).exists():
            continue
        remitted_on = month_after(month).replace(day=10)
        with as_of(at(remitted_on, 9, 30)):
            services.remittance_record(
                cell=cell,
                month=month,
                amount=totals[month],
                receipt_number=f"{number:03d}/PT-ĐU",
                remitted_on=remitted_on,
                by=treasurer.user,  # the committee member in charge of finance keeps the ledger
            )
