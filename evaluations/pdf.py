"""The yearly classification as a summary table in the Party's document format (BÁO CÁO annex)."""

from django.utils import timezone

from documents.format import date_line, document_number, format_for
from documents.models import DocumentType
from documents.pdf import render_pdf
from members.models import Cell


def render_classification_pdf(cell: Cell, year: int, records: list) -> bytes:
    """``records`` from ``year_records``: the proposal and, where taken, the committee's decision."""
    fmt = format_for(cell)
    rated = [r for r in records if not r.exempt]
    decided = [r for r in rated if r.decision]
    return render_pdf(
        "evaluations/pdf/classification.html",
        {
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
