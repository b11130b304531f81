"""The Party's document format (Hướng dẫn 36-HD/VPTW, 2018; Quy định 399-QĐ/TW, 2026).

Sizes, margins and labels are data (``DocumentFormat``, one profile per cell) so that a
newer office guidance changes a form, not the code. This module only reads them.
"""

from datetime import date

from documents.models import DocumentFormat
from members.models import Cell


def format_for(cell: Cell) -> DocumentFormat:
    """The cell's format profile; the HD 36 defaults are stored on first use."""
    profile, _created = DocumentFormat.objects.get_or_create(cell=cell)
    return profile


def document_number(number: int | None, code: str, cell_code: str) -> str:
    """``Số 07-CTr/CB``; an unnumbered document keeps the blank a clerk fills in by hand."""
    return f"Số {number:02d}-{code}/{cell_code}" if number else f"Số \u00a0\u00a0\u00a0\u00a0-{code}/{cell_code}"


def date_line(place: str, day: date) -> str:
    """``Tuyên Quang, ngày 05 tháng 02 năm 2026``: a 0 before days under 10 and months 1–2."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def blank_date_line(place: str) -> str:
    """A draft's date line, with the blanks filled in when the document is adopted: a draft is never
    dated by the day it happens to be printed."""
    return f"{place}, ngày \u2026 tháng \u2026 năm \u2026"
