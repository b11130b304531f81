"""The superior committee's pages: the overview of its cells for a month, quarter or year, a cell's approved
documents, and the overview as a workbook and as a signed report. Read-only: every view answers GET only,
and another organisation's cell or meeting answers 404."""

from dataclasses import dataclass

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.views.decorators.http import require_GET

from chibo.superior.exports import columns, headers, overview_xlsx
from chibo.superior.pdf import render_report_pdf
from chibo.superior.periods import MONTH, QUARTER, YEAR, parse_period
from chibo.superior.selectors import CellRow, overview
from meetings.models import Meeting
from meetings.pdf import render_minutes_pdf, render_resolution_pdf
from meetings.selectors import with_record
from members.permissions import get_cell_for_officer, officer_required


@dataclass
class Line:
    """One cell's line of the overview: its drill-down address, and the columns between its name and its status
    as table cells (wide screens) and as a description list (phones), escaped here once for both."""

    row: CellRow
    url: str
    cells: str
    terms: str


def _lines(rows: list[CellRow], titles: list[str], period) -> list[Line]:
    address = reverse("superior:cell", args=[0]).replace("/0/", "/{}/") + f"?period={period.param}"
    lines = []
    for row in rows:
        values = columns(row, period)[1:-1]
        cells = format_html_join("", "<td>{}</td>", ((value,) for value in values))
        terms = format_html_join(
            "",
            '<dt class="col-6">{}</dt><dd class="col-6">{}</dd>',
            zip(titles[1:-1], values, strict=True),
        )
        lines.append(Line(row, address.format(row.cell.pk), cells, terms))
    return lines


def _period(request):
    return parse_period(request.GET.get("period"), timezone.localdate())


@require_GET
@officer_required
def overview_view(request):
    period, problem = _period(request)
    today = timezone.localdate()
    rows = overview(request.officer.organisation, period, today)
    titles = headers()
    context = {
        "organisation": request.officer.organisation,
        "period": period,
        "problem": problem,
        "rows": rows,
        "headers": titles,
        "lines": _lines(rows, titles, period),
        "behind": sum(1 for row in rows if row.behind),
        "kinds": [(MONTH, period.as_kind(MONTH)), (QUARTER, period.as_kind(QUARTER)), (YEAR, period.as_kind(YEAR))],
    }
    return render(request, "superior/overview.html", context)


@require_GET
@officer_required
def overview_xlsx_view(request):
    period, _problem = _period(request)
    organisation = request.officer.organisation
    rows = overview(organisation, period, timezone.localdate())
    response = HttpResponse(
        overview_xlsx(organisation, period, rows),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="sinh-hoat-chi-bo-{period.param}.xlsx"'
    return response


@require_GET
@officer_required
def overview_pdf_view(request):
    period, _problem = _period(request)
    today = timezone.localdate()
    rows = overview(request.officer.organisation, period, today)
    response = HttpResponse(render_report_pdf(request.officer, period, rows, today), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="bao-cao-sinh-hoat-chi-bo-{period.param}.pdf"'
    return response


def _approved(request):
    """Meetings of the officer's organisation whose minutes are approved: never a draft or a held, unapproved
    record (404 for those, as for another organisation's)."""
    return Meeting.objects.filter(cell__organisation_id=request.officer.organisation_id, status=Meeting.Status.APPROVED)


@require_GET
@officer_required
def cell_view(request, pk):
    cell = get_cell_for_officer(request, pk)
    period, problem = _period(request)
    year = period.year
    meetings = list(
        _approved(request).filter(cell=cell, month__year=year).only("pk", "cell_id", "kind", "topic", "month", "date")
    )
    meetings.sort(key=lambda m: (m.date, m.pk), reverse=True)
    context = {"cell": cell, "period": period, "problem": problem, "year": year, "meetings": meetings}
    return render(request, "superior/cell.html", context)


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
@officer_required
def minutes_pdf(request, pk):
    meeting = get_object_or_404(with_record(_approved(request)), pk=pk)
    return _pdf(render_minutes_pdf(meeting), f"bien-ban-sinh-hoat-{meeting.date:%Y-%m-%d}.pdf")


@require_GET
@officer_required
def resolution_pdf(request, pk):
    meeting = get_object_or_404(with_record(_approved(request)), pk=pk)
    return _pdf(render_resolution_pdf(meeting), f"nghi-quyet-{meeting.date:%Y-%m-%d}.pdf")
