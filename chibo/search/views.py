"""The search page: one box over the cell's archive, with filters by kind and year; for an officer of the
superior committee, over the approved documents of every cell of their organisation, with a filter by cell."""

from html import escape

from django import forms
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import F, Q
from django.db.models.expressions import RawSQL
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from chibo.models import SearchEntry
from chibo.search.index import OFFICER_KINDS
from chibo.search.text import MAX_QUERY, highlight, tokens, tsquery
from core.prepared import planned_for_its_values
from members.models import Cell, CommitteeOfficer, Member
from members.permissions import member_or_officer_required

PAGE = 20
RANKED = 1000  # matches ranked at most (the newest): "choose a year or a cell" beyond
WEIGHTS = [0.05, 0.1, 0.2, 1.0]  # D, C (where it belongs), B (the text), A (the title)


def search_cells(member: Member) -> list[int]:
    """The cells whose records the member searches: their own."""
    return [member.cell_id]


def visible_entries(member: Member):
    """The index rows the member may read, as the pages decide (``chibo.search.index`` lists them)."""
    entries = SearchEntry.objects.filter(cell_id__in=search_cells(member))
    if member.may_prepare:
        return entries
    return entries.filter(Q(audience=SearchEntry.Audience.MEMBERS) | Q(readers__contains=[member.pk]))


def officer_cells(officer: CommitteeOfficer) -> dict[int, str]:
    """The cells an officer searches, id → name: every cell of their organisation."""
    cells = Cell.objects.filter(organisation_id=officer.organisation_id).order_by("name", "pk")
    return dict(cells.values_list("pk", "name"))


def officer_entries(cells: dict[int, str]):
    """The index rows an officer may read: what the superior committee's pages show of its cells
    (``chibo.search.index.OFFICER_KINDS``), never a row only the cell's committee or some members read."""
    return SearchEntry.objects.filter(
        cell_id__in=list(cells), kind__in=OFFICER_KINDS, audience=SearchEntry.Audience.MEMBERS
    )


def officer_url(entry: SearchEntry) -> str:
    """Where an officer opens a result: the superior committee's copy of the approved minutes or resolution;
    a guiding document is shown whole in its result (no page of the cell is the officer's to open)."""
    if entry.kind == SearchEntry.Kind.MINUTES:
        return reverse("superior:minutes_pdf", args=[entry.object_id])
    if entry.kind == SearchEntry.Kind.RESOLUTION:
        return reverse("superior:resolution_pdf", args=[entry.object_id])
    return ""


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Words to find"), max_length=MAX_QUERY, required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("Everything")), *SearchEntry.Kind.choices], required=False
    )
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)
    cell = forms.TypedChoiceField(
        label=_("Cell"),
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": _("This cell is not one of your organisation's: choose one from the list.")},
    )

    def __init__(self, *args, years: list[int], cells: dict[int, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("Every year")), *((year, year) for year in years)]
        if cells is None:  # a member searches their own cell
            del self.fields["cell"]
        else:
            self.fields["cell"].choices = [("", _("Every cell")), *cells.items()]
            self.fields["kind"].choices = [("", _("Everything")), *((kind, kind.label) for kind in OFFICER_KINDS)]


def search(
    entries, words: list[str], *, kind: str = "", year: int | None = None, cell: int | None = None, recent: int = 0
):
    """The ids of the rows matching every word (the last also as a prefix), best first: a match in the title
    counts five times one in the text (weights D, C, B, A), close words over scattered ones (cover density),
    a long text does not win by length alone (normalisation 1: divided by 1 + log of its length); then the
    newest. At most ``RANKED``: the newest matches are ranked (ranking reads each row's whole vector, the
    cost of a search over many cells and years), a year or a cell reaches further back.

    Without a year chosen, the rows of ``recent`` and later are searched first: the database reads a fraction of
    the rows a common word matches over ten years. Older years are searched only when these hold fewer than
    ``RANKED`` matches (a condition PostgreSQL checks once, skipping that part of the plan otherwise): one query
    either way, and the same answer as a search of every year at once."""
    query = SearchQuery(tsquery(words), search_type="raw", config="simple")
    matching = _filtered(entries, kind, year, cell).filter(vector=query)
    candidates = _newest(matching) if year or not recent else _recent_first(matching, recent)
    ranked = (
        SearchEntry.objects.filter(pk__in=candidates)
        .annotate(rank=SearchRank(F("vector"), query, weights=WEIGHTS, cover_density=True, normalization=1))
        .order_by("-rank", "-date", "-pk")
    )
    with planned_for_its_values():
        return list(ranked.values_list("pk", flat=True))


def newest(entries, *, kind: str = "", year: int | None = None, cell: int | None = None) -> list[int]:
    """The ids of the rows of a kind, a year or a cell, newest first (at most ``RANKED``): the archive browsed
    without words, as the drill-down into a cell opens it."""
    return list(_filtered(entries, kind, year, cell).order_by("-date", "-pk").values_list("pk", flat=True)[:RANKED])


def _filtered(entries, kind: str, year: int | None, cell: int | None):
    """The rows of the filters chosen (each optional): the search and the browsing read the same ones."""
    if kind:
        entries = entries.filter(kind=kind)
    if year:
        entries = entries.filter(year=year)
    if cell:
        entries = entries.filter(cell_id=cell)
    return entries


def _newest(matching, *columns):
    return matching.order_by("-date", "-pk").values("pk", *columns)[:RANKED]


def _recent_first(matching, recent: int) -> RawSQL:
    """The ids of the newest ``RANKED`` matches, read from the years ``recent`` and later (kept once, as a
    materialised CTE) and, only when they hold fewer, from the years before: every recent row is newer than
    every older one, so together they are the newest of all years."""
    newer, newer_params = _newest(matching.filter(year__gte=recent), "date").query.sql_with_params()
    older, older_params = _newest(matching.filter(year__lt=recent), "date").query.sql_with_params()
    return RawSQL(
        f"WITH recent AS MATERIALIZED ({newer}) "
        f"SELECT pk FROM (SELECT pk, date FROM recent UNION ALL SELECT pk, date FROM ({older}) AS older "
        f"WHERE (SELECT count(*) FROM recent) < {RANKED:d}) AS found ORDER BY date DESC, pk DESC LIMIT {RANKED:d}",
        (*newer_params, *older_params),
    )


def page_rows(ids: list[int]) -> list[SearchEntry]:
    """The rows of one page of results, in the order of ``ids``."""
    rows = SearchEntry.objects.only("kind", "object_id", "cell_id", "title", "subtitle", "body", "url", "date")
    found = rows.in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def years_of(entries, cells: dict[int, str] | None) -> list[int]:
    """The years to filter by, newest first. An officer's: from the first year of any of the cells to the
    last, by one index probe a cell at each end (a DISTINCT over every row of 50 cells × 10 years is not)."""
    if cells is None:
        return list(entries.order_by("-year").values_list("year", flat=True).distinct())
    if not cells:
        return []
    table = SearchEntry._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT min(first.year), max(last.year) FROM unnest(%s::integer[]) AS cell(id),
            LATERAL (SELECT year FROM {table} WHERE cell_id = cell.id ORDER BY year LIMIT 1) AS first,
            LATERAL (SELECT year FROM {table} WHERE cell_id = cell.id ORDER BY year DESC LIMIT 1) AS last""",
            [list(cells)],
        )
        first, last = cursor.fetchone()
    return list(range(last, first - 1, -1)) if first else []


def _options(bound) -> SafeString:
    """A select's options, the chosen one selected: written here once (fifty cells and ten years cost a
    template loop more than the search itself)."""
    chosen = "" if bound.value() is None else str(bound.value())
    return mark_safe(  # noqa: S308 — every value and label escaped here
        "".join(
            f'<option value="{escape(str(value))}"{" selected" if str(value) == chosen else ""}>'
            f"{escape(str(label))}</option>"
            for value, label in bound.field.choices
        )
    )


@member_or_officer_required
def search_view(request):
    if request.member is not None:
        cells, entries = None, visible_entries(request.member)
    else:
        cells = officer_cells(request.officer)
        entries = officer_entries(cells)
    years = years_of(entries, cells)
    form = SearchForm(request.GET or None, years=years, cells=cells)
    options = {name: _options(form[name]) for name in form.fields if name != "q"}
    context = {"form": form, "options": options, "words": [], "page": None, "notice": "", "officer": request.officer}
    if form.is_bound and form.is_valid():
        words = tokens(form.cleaned_data["q"])
        filters = {name: form.cleaned_data.get(name) for name in ("kind", "year", "cell")}
        found = None
        if not form.cleaned_data["q"].strip():
            if any(filters.values()):  # no words but a kind, a year or a cell: its records, newest first
                found = newest(entries, **filters)
            else:
                context["notice"] = _("Type one or more words to search the minutes, resolutions, agendas, tasks, …")
        elif not words:
            context["notice"] = _("Type letters or numbers: the search finds words, not signs.")
        else:
            # An officer's search spans every cell: a common word matches thousands of rows, the last two
            # years first. A member's cell seldom has RANKED matches in all: searched whole at once.
            recent = timezone.localdate().year - 1 if cells is not None else 0
            found = search(entries, words, **filters, recent=recent)
        if found is not None:
            page = Paginator(found, PAGE).get_page(request.GET.get("page"))
            page.object_list = page_rows(page.object_list)
            for entry in page.object_list:
                entry.heading = highlight(entry.title, words, width=500)
                entry.snippet = highlight(entry.body, words)
                if cells is not None:
                    entry.url, entry.cell_name = officer_url(entry), cells[entry.cell_id]
            query = request.GET.copy()
            query.pop("page", None)
            context.update(words=words, page=page, query=query.urlencode(), more=len(found) >= RANKED)
    return render(request, "search/search.html", context)
