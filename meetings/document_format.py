"""The Party's document format (Hướng dẫn 36-HD/VPTW, 2018; Quy định 399-QĐ/TW, 2026).

Every size, margin and label lives in one profile so that a newer office guidance
(HD 05-HD/VPTW of 2026 may replace HD 36) changes one place.
"""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class FormatProfile:
    source: str = "Hướng dẫn 36-HD/VPTW (2018), Quy định 399-QĐ/TW (2026)"
    page_size: str = "A4"
    margin_top_mm: int = 20
    margin_bottom_mm: int = 20
    margin_left_mm: int = 30
    margin_right_mm: int = 15
    body_pt: int = 14
    party_name_pt: int = 15
    doc_type_pt: int = 16
    summary_pt: int = 14
    recipients_pt: int = 12
    first_line_indent_cm: float = 1.0
    party_name: str = "ĐẢNG CỘNG SẢN VIỆT NAM"
    for_cell: str = "T/M CHI BỘ"
    for_committee: str = "T/M CHI ỦY"
    secretary: str = "BÍ THƯ"
    deputy: str = "PHÓ BÍ THƯ"
    recipients_label: str = "Nơi nhận:"


HD36 = FormatProfile()

# Document type codes (QĐ 399): CTr chương trình, NQ nghị quyết, BB biên bản, KH kế hoạch …
DOC_TYPES = {"programme": "CTr", "resolution": "NQ", "minutes": "BB", "plan": "KH", "report": "BC"}


def document_number(number: int | None, doc_type: str, cell_code: str) -> str:
    """``Số 07-CTr/CB``; an unnumbered document keeps the blank a clerk fills in by hand."""
    code = DOC_TYPES[doc_type]
    return f"Số {number:02d}-{code}/{cell_code}" if number else f"Số \u00a0\u00a0\u00a0\u00a0-{code}/{cell_code}"


def date_line(place: str, day: date) -> str:
    """``Tuyên Quang, ngày 05 tháng 02 năm 2026``: a 0 before days under 10 and months 1–2."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"
