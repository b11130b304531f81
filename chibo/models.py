"""The search index: one row per searchable record of any app, so it lives in the top layer."""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from members.models import Cell


class SearchEntry(models.Model):
    """What the search box finds about one record, and who may find it.

    ``vector`` holds the title (weight A), the body (weight B) and the subtitle (weight C), folded by
    ``chibo.search.text.fold`` (no accents, đ → d, lower case), in PostgreSQL's ``simple`` configuration.
    ``cell`` scopes every search (a superior committee searching several cells filters on it);
    ``audience`` and ``readers`` say who else may read it: the whole cell, or only the committee and
    the members listed.
    """

    class Kind(models.TextChoices):
        MINUTES = "minutes", _("Minutes")
        RESOLUTION = "resolution", _("Resolution")
        AGENDA = "agenda", _("Agenda item")
        TASK = "task", _("Task")
        DOCUMENT = "document", _("Guiding document")
        FINDING = "finding", _("Supervision finding")

    class Audience(models.TextChoices):
        MEMBERS = "members", _("Every member of the cell")
        COMMITTEE = "committee", _("The cell committee and the members named")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField(_("record"))
    cell = models.ForeignKey(Cell, on_delete=models.CASCADE, related_name="+", verbose_name=_("cell"))
    year = models.PositiveSmallIntegerField(_("year"))
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=500)
    subtitle = models.CharField(_("where it belongs"), max_length=300, blank=True)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("address"), max_length=300)
    audience = models.CharField(_("who may find it"), max_length=12, choices=Audience.choices)
    readers = ArrayField(models.IntegerField(), default=list, blank=True, verbose_name=_("members who may read it"))
    vector = SearchVectorField(_("search vector"), null=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="chibo_search_one_per_record")]
        indexes = [
            GinIndex(fields=["vector"], name="chibo_search_vector"),
            models.Index(fields=["cell", "year"], name="chibo_search_cell_year"),
        ]

    def __str__(self):
        return self.title
