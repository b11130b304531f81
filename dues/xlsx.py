"""The yearly dues report as a workbook: one row per member and a column per month, then the payments and the
remittances of the year. Rendered in Vietnamese whatever the reader's language (it goes to the superior
committee)."""

import io

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from assignments.export import as_text
from dues.selectors import State

MONEY = "#,##0"


def _header(sheet, row: int, values: list) -> None:
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row=row, column=column, value=value)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")


def _text(sheet, row: int, column: int, value) -> None:
    cell = sheet.cell(row=row, column=column, value=as_text(value))
    if isinstance(cell.value, str):
        cell.data_type = "s"  # never a formula, whatever the text


def year_xlsx(cell, year: int, rows, remittances: dict) -> bytes:
    with translation.override("vi"):
        return _year_xlsx(cell, year, rows, remittances)


def _year_xlsx(cell, year: int, rows, remittances: dict) -> bytes:
    book = Workbook()
    grid = book.active
    grid.title = _("Dues %(year)s") % {"year": year}
    _text(grid, 1, 1, _("Party dues of %(cell)s, year %(year)s (đồng)") % {"cell": cell.name, "year": year})
    grid.cell(row=1, column=1).font = Font(bold=True, size=13)
    months = [_("Month %(n)s") % {"n": n} for n in range(1, 13)]
    _header(grid, 3, [_("Member"), _("Basis"), *months, _("Total paid"), _("Total due"), _("Months unpaid")])
    marks = {State.EXEMPT: _("exempt from dues"), State.UNPAID: _("unpaid")}
    line = 4
    for row in rows:
        _text(grid, line, 1, row.member.full_name)
        _text(grid, line, 2, row.basis.get_kind_display() if row.basis else _("not declared"))
        for index, entry in enumerate(row.months, start=3):
            value = entry.paid if entry.state in (State.PAID, State.PARTIAL) else marks.get(entry.state, "")
            cell_ = grid.cell(row=line, column=index, value=value)
            if isinstance(value, int):
                cell_.number_format = MONEY
        for column, value in ((15, row.paid), (16, row.due), (17, len(row.unpaid))):
            grid.cell(row=line, column=column, value=value).number_format = MONEY
        line += 1
    _text(grid, line, 1, _("Total"))
    grid.cell(row=line, column=1).font = Font(bold=True)
    for index in range(12):
        total = sum(row.months[index].paid for row in rows)
        grid.cell(row=line, column=3 + index, value=total).number_format = MONEY
    grid.cell(row=line, column=15, value=sum(row.paid for row in rows)).number_format = MONEY
    line += 1
    _text(grid, line, 1, _("Remitted"))
    for index in range(12):
        remittance = next((r for m, r in remittances.items() if m.month == index + 1), None)
        if remittance:
            grid.cell(row=line, column=3 + index, value=remittance.amount).number_format = MONEY
    warned = [row for row in rows if row.warned]
    if warned:
        line += 2
        _text(grid, line, 1, _("Three months or more unpaid without a reason in the year:"))
        grid.cell(row=line, column=1).font = Font(bold=True)
        for row in warned:
            line += 1
            months_text = ", ".join(f"{m:%m/%Y}" for m in row.unpaid)
            _text(grid, line, 1, f"{row.member.full_name}: {months_text}")
    grid.column_dimensions["A"].width = 26
    grid.column_dimensions["B"].width = 22
    for column in range(3, 18):
        grid.column_dimensions[get_column_letter(column)].width = 11
    grid.freeze_panes = "C4"

    payments = book.create_sheet(_("Payments"))
    _header(
        payments,
        1,
        [_("Member"), _("Months"), _("Amount"), _("Paid by"), _("Paid on"), _("Collected by"), _("Note")],
    )
    seen = set()
    line = 2
    for row in rows:
        for entry in row.months:
            for payment in entry.payments:
                if payment.pk in seen:
                    continue
                seen.add(payment.pk)
                _text(payments, line, 1, row.member.full_name)
                _text(payments, line, 2, payment.months_label)
                payments.cell(row=line, column=3, value=payment.amount).number_format = MONEY
                _text(payments, line, 4, payment.get_method_display())
                payments.cell(row=line, column=5, value=payment.paid_on).number_format = "DD/MM/YYYY"
                _text(payments, line, 6, payment.collected_by.full_name if payment.collected_by else "")
                _text(payments, line, 7, payment.note)
                line += 1
    for column, width in zip("ABCDEFG", [26, 16, 12, 30, 12, 26, 30], strict=True):
        payments.column_dimensions[column].width = width

    remitted = book.create_sheet(_("Remittances"))
    _header(remitted, 1, [_("Month"), _("Amount remitted"), _("Receipt number"), _("Remitted on")])
    for line, (month, remittance) in enumerate(sorted(remittances.items()), start=2):
        _text(remitted, line, 1, f"{month:%m/%Y}")
        remitted.cell(row=line, column=2, value=remittance.amount).number_format = MONEY
        _text(remitted, line, 3, remittance.receipt_number)
        remitted.cell(row=line, column=4, value=remittance.remitted_on).number_format = "DD/MM/YYYY"
    for column, width in zip("ABCD", [12, 18, 20, 14], strict=True):
        remitted.column_dimensions[column].width = width

    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
