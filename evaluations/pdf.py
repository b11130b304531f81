"""The yearly classification report (BÁO CÁO) in the Party's document format: the cell proposes a level for
each member, with its grounds, and the competent committee above decides (Quy định 366-QĐ/TW)."""

from dataclasses import dataclass

from documents.format import blank_date_line, date_line, document_number, format_for
from documents.models import DocumentType, FrozenDocument
from documents.pdf import render_pdf
from documents.printing import Printable
from evaluations.models import RatingLevel
from evaluations.selectors import YearRecord
from members.models import Cell, Member

# The document's words for why a better level was not reached (the print is always in Vietnamese).
MISSED = {
    "points": lambda r, level: f"dưới {level.min_points} điểm",
    "on_time": lambda r, level: f"có {r.not_on_time} nhiệm vụ không hoàn thành đúng hạn",
    "exceeding": lambda r, level: (
        f"nhiệm vụ hoàn thành vượt mức yêu cầu chiếm {r.exceeding_share}%, chưa đạt {level.min_exceeding_share}%"
    ),
    "remedied": lambda r, level: "còn hạn chế chưa khắc phục",
    "discipline": lambda r, level: "bị kỷ luật đảng trong năm",
}


def band(level: RatingLevel, levels: list[RatingLevel]) -> str:
    """``từ 70 đến dưới 90 điểm``: the level's points band, from the cell's levels (best first)."""
    better = [other.min_points for other in levels if other.min_points > level.min_points]
    top = min(better) if better else None
    if level.min_points == 0:
        return f"dưới {top} điểm" if top else "mọi mức điểm"
    if top is None:
        return f"từ {level.min_points} điểm trở lên"
    return f"từ {level.min_points} đến dưới {top} điểm"


def competent_committee(cell: Cell) -> str:
    """The committee that decides: ``Đảng ủy Viện kiểm sát …`` for ``Đảng bộ Viện kiểm sát …``."""
    name = cell.superior_name.strip()
    if name.lower().startswith("đảng bộ "):
        return "Đảng ủy " + name[len("đảng bộ ") :]
    return f"cấp ủy cấp trên ({name})" if name else "cấp ủy cấp trên"


def percent(part: int, whole: int) -> str:
    """``22,2%`` (a decimal comma, as Vietnamese writes it)."""
    return f"{100 * part / whole:.1f}".replace(".", ",") + "%" if whole else "0%"


@dataclass
class Line:
    """One rated member as the report states it."""

    record: YearRecord
    level: RatingLevel | None
    points: int
    band: str
    tasks: str
    violations: str
    notes: list


def _tasks(record: YearRecord) -> str:
    """``8/11``: tasks done on time out of those due in the year."""
    due = record.on_time + record.not_on_time
    return f"{record.on_time}/{due}" if due else "không có"


def _violations(record: YearRecord) -> str:
    if not record.violations:
        return "không"
    remedied = sum(1 for v in record.violations if v.is_remedied)
    if remedied == len(record.violations):
        return f"{len(record.violations)} (đã khắc phục)"
    return f"{len(record.violations)} ({remedied} đã khắc phục)" if remedied else str(len(record.violations))


def _line(record: YearRecord, levels: list[RatingLevel]) -> Line:
    """The member's level (the committee's where it decided, else the one the record gives), its band, and
    why: the grounds that reach it, and the rule missed for the level just above."""
    decision = record.decision
    level = decision.level if decision else record.proposed
    points = decision.proposed_points if decision and decision.proposed_points is not None else record.points
    due = record.on_time + record.not_on_time
    if level is not None and not [b for b, _ in record.why if b.position < level.position]:
        notes = [f"đạt {points} điểm"]
        if due:
            notes.append(f"hoàn thành đúng hạn {record.on_time}/{due} nhiệm vụ đến hạn")
        notes.append(f"vi phạm: {_violations(record)}")
    else:
        above = [(b, codes) for b, codes in record.why if level is None or b.position < level.position]
        better, codes = above[-1]
        notes = [f"chưa đạt mức {better.label} vì {'; '.join(MISSED[c](record, better) for c in codes)}"]
    if record.pending:
        notes.append(f"{record.pending} nhiệm vụ chưa đến hạn, chưa tính")
    if not due:
        notes.append(f"điểm nhiệm vụ tính theo số buổi dự sinh hoạt ({record.attended}/{record.meetings})")
    if decision and decision.proposed_level and decision.level.label != decision.proposed_level:
        notes.append(f"chi ủy đề nghị mức này thay cho mức {decision.proposed_level}: {decision.reason.strip()}")
    band_text = band(level, levels) if level else ""
    return Line(record, level, points, band_text, _tasks(record), _violations(record), notes)


def classification_context(cell: Cell, year: int, records: list, levels: list[RatingLevel]) -> dict:
    fmt = format_for(cell)
    rated = [r for r in records if not r.exempt]
    lines = [_line(r, levels) for r in rated]
    decided = [r.decision for r in rated if r.decision]
    final = bool(rated) and len(decided) == len(rated)
    day = max(d.confirmed_on for d in decided) if final else None
    counts = [
        (level, band(level, levels), n, percent(n, len(lines)))
        for level in levels
        for n in [sum(1 for line in lines if line.level and line.level.pk == level.pk)]
    ]
    signer = Member.objects.filter(cell=cell, role=Member.Role.SECRETARY).active().first()
    return {
        "fmt": fmt,
        "cell": cell,
        "year": year,
        "number": document_number(None, DocumentType.REPORT, cell.document_code),
        "date_line": date_line(cell.place_name, day) if day else blank_date_line(cell.place_name),
        "decided_on": day,
        "lines": lines,
        "counts": counts,
        "total": len(records),
        "exempt": [r for r in records if r.exempt],
        "committee": competent_committee(cell),
        "draft": not final,
        "signer": signer,
        "secretary_title": fmt.secretary,
    }


def is_decided(records: list) -> bool:
    """The committee has decided every rated member's level: the report is final (and frozen)."""
    rated = [r for r in records if not r.exempt]
    return bool(rated) and all(r.decision for r in rated)


def classification_printable(cell: Cell, year: int, records: list, levels: list[RatingLevel]) -> Printable:
    """``records`` from ``year_records``: the proposal and, where taken, the committee's decision."""
    return Printable(
        kind=FrozenDocument.Kind.CLASSIFICATION,
        object_id=year,
        template="evaluations/pdf/classification.html",
        filename=f"xep-loai-dang-vien-{year}",
        context=classification_context(cell, year, records, levels),
    )


def render_classification_pdf(cell: Cell, year: int, records: list, levels: list[RatingLevel]) -> bytes:
    printable = classification_printable(cell, year, records, levels)
    return render_pdf(printable.template, printable.context)
