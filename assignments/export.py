"""The committee's task overview as an Excel workbook, with the same columns as the page."""

import io
from datetime import date

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter


def task_row(task, today: date) -> list:
    """The overview's columns for one task (the page and the workbook share them)."""
    return [
        task.assignee.full_name,
        task.assignee.unit.name if task.assignee.unit else "",
        task.title,
        task.get_source_display(),
        task.source_ref,
        task.assigned_on,
        task.due_date,
        task.expected_level.label,
        task.get_priority_display(),
        _("Overdue") if task.is_overdue_on(today) else task.get_state_display(),
        task.progress,
        task.done_on,
        task.assessed_level.label if task.assessed_level else "",
    ]


def task_headers() -> list[str]:
    return [
        _("Assignee"),
        _("Unit"),
        _("Task"),
        _("Source"),
        _("Reference"),
        _("Assigned on"),
        _("Due date"),
        _("Expected level"),
        _("Priority"),
        _("State"),
        _("Progress (%)"),
        _("Done on"),
        _("Assessed level"),
    ]


# A text that a spreadsheet would read as a formula (OWASP, CSV injection): = + - @, and a leading
# tab or carriage return (after which Excel still reads one).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def as_text(value):
    """User text for a cell: one that would start a formula gets a leading apostrophe and stays text."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _sheet(book, title, headers, rows):
    sheet = book.create_sheet(title)
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([as_text(value) for value in row])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text
            if isinstance(cell.value, date):
                cell.number_format = "DD/MM/YYYY"
    for index, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, min(60, len(header) + 4))
    sheet.freeze_panes = "A2"
    return sheet


def tasks_xlsx(tasks, counts, today: date) -> bytes:
    book = Workbook()
    book.remove(book.active)
    _sheet(book, _("Tasks"), task_headers(), (task_row(task, today) for task in tasks))
    _sheet(
        book,
        _("By member"),
        [_("Member"), _("Open"), _("Overdue"), _("Done on time"), _("Done late"), _("Not done")],
        ([c.member.full_name, c.open, c.overdue, c.on_time, c.late, c.not_done] for c in counts),
    )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
