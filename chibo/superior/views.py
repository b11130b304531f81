"""The superior committee's pages: the overview of its cells for a month, quarter or year, a cell's approved
documents, and the overview as a workbook and as a signed report. Read-only: every view answers GET only,
and another organisation's cell or meeting answers 404."""

from html import escape

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from chibo.superior.exports import columns, headers, overview_xlsx
from chibo.superior.pdf import render_report_pdf
from chibo.superior.periods import MONTH, QUARTER, YEAR, parse_period
from chibo.superior.selectors import CellRow, overview
from meetings.models import Meeting
from meetings.pdf import render_minutes_pdf, render_resolution_pdf
from meetings.selectors import with_record
from members.permissions import get_cell_for_officer, officer_required


def _lines(rows: list[CellRow], titles: list[str], period) -> tuple[SafeString, SafeString]:
    """The overview's lines, one a cell: table rows for wide screens and cards for phones, written here, each value
    escaped once for both (a template looping over 50 cells × 12 columns twice costs more than the figures)."""
    address = reverse("superior:cell", args=[0]).replace("/0/", "/{}/") + f"?period={period.param}"
    needs = f'<span class="badge text-bg-danger">{escape(_("Needs follow-up"))}</span>'
    in_order = f'<span class="badge text-bg-success">{escape(_("In order"))}</span>'
    terms = [f'<dt class="col-6">{escape(title)}</dt><dd class="col-6">' for title in titles[1:-1]]
    table, cards = [], []
    for row in rows:
        pk, behind = row.cell.pk, row.behind
        link = f'<a href="{escape(address.format(pk))}">{escape(row.cell.name)}</a>'
        values = [escape(str(value)) for value in columns(row, period)[1:-1]]
        flags = "".join(f"<li>{escape(flag)}</li>" for flag in row.flags)
        marked = ' class="cell-behind"' if behind else ""
        status = f'{needs}<ul class="small mb-0 ps-3">{flags}</ul>' if behind else in_order
        table.append(
            f'<tr{marked}><th scope="row" class="text-nowrap">{link}</th>'
            + "".join(f"<td>{value}</td>" for value in values)
            + f'<td class="status-col">{status}</td></tr>'
        )
        cards.append(
            f'<section class="{"card mb-3 cell-behind" if behind else "card mb-3"}" aria-labelledby="cell-{pk}">'
            '<div class="card-body">'
            f'<h2 class="h5 card-title d-flex flex-wrap justify-content-between gap-2" id="cell-{pk}">{link}'
            f"{needs if behind else in_order}</h2>"
            '<dl class="row small mb-0">'
            + "".join(f"{term}{value}</dd>" for term, value in zip(terms, values, strict=True))
            + "</dl>"
            + (f'<ul class="small mb-0 mt-2 ps-3">{flags}</ul>' if behind else "")
            + "</div></section>"
        )
    return mark_safe("".join(table)), mark_safe("".join(cards))  # noqa: S308 — every value escaped above


def _period(request):
    return parse_period(request.GET.get("period"), timezone.localdate())


@require_GET
@officer_required
def overview_view(request):
    period, problem = _period(request)
    today = timezone.localdate()
    rows = overview(request.officer.organisation, period, today)
    titles = headers()
    table, cards = _lines(rows, titles, period)
    context = {
        "organisation": request.officer.organisation,
        "period": period,
        "problem": problem,
        "rows": rows,
        "headers": titles,
        "table": table,
        "cards": cards,
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
