"""The yearly classification as a summary table in the Party's document format (BÁO CÁO annex)."""

from django.utils import timezone

from documents.format import date_line, document_number, format_for
from documents.models import DocumentType, FrozenDocument
from documents.pdf import render_pdf
from documents.printing import Printable
from members.models import Cell


def render_classification_pdf(cell: Cell, year: int, records: list) -> bytes:
    printable = classification_printable(cell, year, records)
    return render_pdf(printable.template, printable.context)


def is_decided(records: list) -> bool:
    """The committee has decided every rated member's level: the report is final (and frozen)."""
    rated = [r for r in records if not r.exempt]
    return bool(rated) and all(r.decision for r in rated)


def classification_printable(cell: Cell, year: int, records: list) -> Printable:
    """``records`` from ``year_records``: the proposal and, where taken, the committee's decision."""
    fmt = format_for(cell)
    rated = [r for r in records if not r.exempt]
    decided = [r for r in rated if r.decision]
    return Printable(
        kind=FrozenDocument.Kind.CLASSIFICATION,
        object_id=year,
        template="evaluations/pdf/classification.html",
        filename=f"xep-loai-dang-vien-{year}",
        context={
            "fmt": fmt,
            "cell": cell,
            "year": year,
            "number": document_number(None, DocumentType.REPORT, cell.document_code),
            "date_line": date_line(cell.place_name, timezone.localdate()),
            "rated": rated,
            "exempt": [r for r in records if r.exempt],
            "draft": len(decided) < len(rated),
            "secretary_title": fmt.secretary,
        },
    )
