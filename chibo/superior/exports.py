"""The overview's columns, shared by the page, the workbook and the signed report (same words everywhere)."""

import io

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from assignments.export import as_text
from chibo.superior.periods import MONTH, Period
from chibo.superior.selectors import CellRow


def headers() -> list[str]:
    return [
        _("Cell"),
        _("Regular meeting on time"),
        _("Thematic meeting in the quarter"),
        _("Minutes approved"),
        _("Resolution posted and reported"),
        _("Attendance rate"),
        _("Meeting quality"),
        _("Professional work / party building"),
        _("Tasks overdue"),
        _("Supervision coverage"),
        _("Year's classification"),
        _("Status"),
    ]


def _day(value) -> str:
    return date_format(value, "d/m/Y")


def regular_text(row: CellRow, period: Period) -> str:
    if period.kind == MONTH:
        entry = row.months[0]
        if entry.meeting is None:
            return _("Not held") if entry.due else _("Not held yet")
        state = _("On time") if entry.on_time else _("Held late")
        return f"{state}, {_day(entry.meeting.date)}"
    return _("%(on_time)s of %(due)s months on time") % {"on_time": row.on_time, "due": row.due}


def thematic_text(row: CellRow, period: Period) -> str:
    if period.kind == MONTH:
        meeting = next(iter(row.thematic.values()), None)
        if meeting is None:
            return _("Not held") if row.thematic_due else _("Not held yet")
        return _("Held, %(day)s") % {"day": _day(meeting.date)}
    quarters = sum(1 for q, meeting in row.thematic.items() if meeting is not None or q in row.thematic_due)
    if not quarters:  # no quarter of the period over yet, none held
        return _("Not held yet")
    return _("%(held)s of %(quarters)s quarters") % {"held": row.thematic_held, "quarters": quarters}


def minutes_text(row: CellRow, period: Period) -> str:
    if not row.held:
        return "—"
    if period.kind == MONTH:
        days = row.months[0].minutes_days
        if days is None:
            return _("Not approved yet")
        return _("On the meeting day") if days == 0 else _("%(days)s days after") % {"days": days}
    text = _("%(approved)s of %(held)s approved") % {"approved": len(row.approved), "held": len(row.held)}
    if row.minutes_days_max:
        text += "; " + _("latest %(days)s days after") % {"days": row.minutes_days_max}
    return text


def resolution_text(row: CellRow, period: Period) -> str:
    if not row.held:
        return "—"
    if period.kind == MONTH:
        entry = row.months[0]
        if entry.resolution_days is None:
            return _("Not yet")
        return _("%(day)s (%(days)s days after)") % {
            "day": _day(entry.meeting.resolution_posted_on),
            "days": entry.resolution_days,
        }
    return _("%(posted)s of %(held)s") % {"posted": len(row.posted), "held": len(row.held)}


def percent(value) -> str:
    return "—" if value is None else f"{value}%"


def quality_text(row: CellRow) -> str:
    if row.quality_points is None:
        return "—"
    return _("%(points)s points — %(level)s") % {"points": row.quality_points, "level": row.quality_level}


def split_text(row: CellRow) -> str:
    if row.professional_share is None:
        return "—"
    return f"{row.professional_share}% / {row.party_share}%"


def coverage_text(row: CellRow) -> str:
    if not row.members:
        return "—"
    return f"{row.supervised}/{row.members} ({row.coverage}%)"


def classification_text(row: CellRow) -> str:
    if not row.classification:
        return _("Not decided yet")
    return "; ".join(f"{label}: {n}" for label, n in row.classification)


def status_text(row: CellRow) -> str:
    if row.behind:
        return _("Needs follow-up") + ": " + "; ".join(row.flags)
    return _("In order")


def columns(row: CellRow, period: Period) -> list:
    return [
        row.cell.name,
        regular_text(row, period),
        thematic_text(row, period),
        minutes_text(row, period),
        resolution_text(row, period),
        percent(row.attendance_rate),
        quality_text(row),
        split_text(row),
        row.overdue_tasks,
        coverage_text(row),
        classification_text(row),
        status_text(row),
    ]


def overview_xlsx(organisation, period: Period, rows: list[CellRow]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Overview")[:31]
    sheet.append([as_text(organisation.name)])
    sheet.append([_("Cells' party life, %(period)s") % {"period": period.label}])
    sheet["A1"].font = Font(bold=True)
    sheet.append([])
    sheet.append(headers())
    for cell in sheet[4]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    attendance = headers().index(_("Attendance rate")) + 1
    for row in rows:
        sheet.append([as_text(value) for value in columns(row, period)])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        if row.attendance_rate is not None:  # a number the officer can sort and average, shown as a percentage
            rate = sheet.cell(row=sheet.max_row, column=attendance)
            rate.value, rate.data_type, rate.number_format = row.attendance_rate / 100, "n", "0%"
    widths = [22, 20, 20, 20, 20, 10, 14, 16, 10, 14, 28, 50]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "B5"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
