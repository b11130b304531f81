"""The superior committee's signed report on its cells' party life (BÁO CÁO tình hình sinh hoạt chi bộ …),
in the documents format (HD 36): rendered by ``documents.pdf.render_pdf`` on the base print template."""

from dataclasses import dataclass
from datetime import date, timedelta

from chibo.superior import exports
from chibo.superior.periods import MONTH, QUARTER, Period
from chibo.superior.selectors import CellRow
from core.textwidth import HEADER_COLUMN_MM, wrap_to_width
from documents.format import date_line, document_number
from documents.models import DocumentFormat, DocumentType
from documents.pdf import render_pdf
from members.models import CommitteeOfficer


@dataclass(frozen=True)
class Issuer:
    """What the base print template's header reads of ``cell``: here the superior committee issues, under the
    name of its own superior (the first line of the header, as a cell's document has its đảng bộ's)."""

    superior_name: str
    name: str

    @property
    def superior_header_lines(self) -> list[str]:
        return wrap_to_width(self.superior_name.upper(), 14, HEADER_COLUMN_MM) if self.superior_name.strip() else []


def period_words(period: Period) -> str:
    if period.kind == MONTH:
        return f"tháng {period.number:02d} năm {period.year}"
    if period.kind == QUARTER:
        return f"quý {['I', 'II', 'III', 'IV'][period.number - 1]} năm {period.year}"
    return f"năm {period.year}"


def render_report_pdf(officer: CommitteeOfficer, period: Period, rows: list[CellRow], today: date) -> bytes:
    organisation = officer.organisation
    fmt = DocumentFormat()  # the HD 36 defaults: the profile is a cell's, the organisation keeps the standard
    table = [
        {
            "row": row,
            "regular": exports.regular_text(row, period),
            "thematic": exports.thematic_text(row, period),
            "minutes": exports.minutes_text(row, period),
            "resolution": exports.resolution_text(row, period),
            "attendance": exports.percent(row.attendance_rate),
            "quality": exports.quality_text(row),
            "split": exports.split_text(row),
            "coverage": exports.coverage_text(row),
            "classification": exports.classification_text(row),
        }
        for row in rows
    ]
    return render_pdf(
        "superior/pdf/report.html",
        {
            "fmt": fmt,
            "cell": Issuer(organisation.superior_name, organisation.committee_name),
            "organisation": organisation,
            "number": document_number(None, DocumentType.REPORT, organisation.document_code),
            "date_line": date_line(organisation.place_name, today),
            "draft": False,
            "period_words": period_words(period),
            # A period not over yet is reported as it stands: the figures run to the day before the report.
            "as_of": today - timedelta(days=1) if period.end >= today else None,
            "table": table,
            "behind": [row for row in rows if row.behind],
            "officer": officer,
        },
    )
