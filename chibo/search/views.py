"""The search page: one box over the cell's archive, with filters by kind and year."""

from django import forms
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.paginator import Paginator
from django.db.models import F, Q
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from chibo.models import SearchEntry
from chibo.search.text import MAX_QUERY, highlight, tokens, tsquery
from members.models import Member
from members.permissions import member_required

PAGE = 20
WEIGHTS = [0.05, 0.1, 0.2, 1.0]  # D, C (where it belongs), B (the text), A (the title)


def search_cells(member: Member) -> list[int]:
    """The cells whose records the member searches: their own. (A superior committee's officer will
    search the cells under it; the index row carries its cell, so a cell filter goes here.)"""
    return [member.cell_id]


def visible_entries(member: Member):
    """The index rows the member may read, as the pages decide (``chibo.search.index`` lists them)."""
    entries = SearchEntry.objects.filter(cell_id__in=search_cells(member))
    if member.may_prepare:
        return entries
    return entries.filter(Q(audience=SearchEntry.Audience.MEMBERS) | Q(readers__contains=[member.pk]))


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Words to find"), max_length=MAX_QUERY, required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("Everything")), *SearchEntry.Kind.choices], required=False
    )
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("Every year")), *((year, year) for year in years)]


def search(entries, words: list[str], *, kind: str = "", year: int | None = None):
    """Rows matching every word (the last also as a prefix), best first: a match in the title counts
    five times one in the text (weights D, C, B, A), close words over scattered ones (cover density),
    a long text does not win by length alone (normalisation 1: divided by 1 + log of its length);
    then the newest."""
    query = SearchQuery(tsquery(words), search_type="raw", config="simple")
    if kind:
        entries = entries.filter(kind=kind)
    if year:
        entries = entries.filter(year=year)
    return (
        entries.filter(vector=query)
        .annotate(rank=SearchRank(F("vector"), query, weights=WEIGHTS, cover_density=True, normalization=1))
        .only("kind", "title", "subtitle", "body", "url", "date")
        .order_by("-rank", "-date", "-pk")
    )


@member_required
def search_view(request):
    entries = visible_entries(request.member)
    years = list(entries.order_by("-year").values_list("year", flat=True).distinct())
    form = SearchForm(request.GET or None, years=years)
    context = {"form": form, "words": [], "page": None, "notice": ""}
    if form.is_bound and form.is_valid():
        words = tokens(form.cleaned_data["q"])
        if not form.cleaned_data["q"].strip():
            context["notice"] = _("Type one or more words to search the minutes, resolutions, agendas, tasks, …")
        elif not words:
            context["notice"] = _("Type letters or numbers: the search finds words, not signs.")
        else:
            found = search(entries, words, kind=form.cleaned_data["kind"], year=form.cleaned_data["year"])
            page = Paginator(found, PAGE).get_page(request.GET.get("page"))
            for entry in page.object_list:
                entry.heading = highlight(entry.title, words, width=500)
                entry.snippet = highlight(entry.body, words)
            query = request.GET.copy()
            query.pop("page", None)
            context.update(words=words, page=page, query=query.urlencode())
    return render(request, "search/search.html", context)
