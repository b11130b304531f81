from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from members.models import Cell, Member


class GuidingDocument(models.Model):
    """A document from above that guides the cell's work (Chỉ thị 10-CT/TW, Đề án 16-ĐA/TU …)."""

    cell = models.ForeignKey(Cell, on_delete=models.CASCADE, related_name="guiding_documents", verbose_name=_("cell"))
    number = models.CharField(_("number"), max_length=50, help_text=_("For example 50-CT/TW."))
    issued_on = models.DateField(_("date issued"))
    issuer = models.CharField(_("issuer"), max_length=200)
    title = models.CharField(_("title"), max_length=500)
    summary = models.TextField(_("short summary"), blank=True)

    class Meta:
        verbose_name = _("guiding document")
        verbose_name_plural = _("guiding documents")
        ordering = ["-issued_on", "number"]
        constraints = [models.UniqueConstraint(fields=["cell", "number"], name="meetings_guidingdocument_number")]

    def __str__(self):
        return f"{self.number} — {self.title}"


class Section(models.IntegerChoices):
    OPENING = 1, _("Opening")
    CONTENT = 2, _("Content")
    CLOSING = 3, _("Closing")


class Category(models.TextChoices):
    PROCEDURE = "procedure", _("Procedure")
    PROFESSIONAL = "professional", _("Professional work")
    PARTY = "party", _("Party building")


class StandardAgendaItem(models.Model):
    """One step of the cell's standard order of a regular meeting: editable data."""

    cell = models.ForeignKey(Cell, on_delete=models.CASCADE, related_name="standard_agenda", verbose_name=_("cell"))
    section = models.PositiveSmallIntegerField(_("section"), choices=Section.choices)
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=300)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    default_minutes = models.PositiveSmallIntegerField(_("planned minutes"), validators=[MaxValueValidator(600)])
    key = models.CharField(_("key"), max_length=30, blank=True, help_text=_("Marks a step other features fill in."))

    class Meta:
        verbose_name = _("standard agenda step")
        verbose_name_plural = _("standard agenda")
        ordering = ["section", "position", "pk"]

    def __str__(self):
        return self.title


class Meeting(models.Model):
    class Kind(models.TextChoices):
        REGULAR = "regular", _("Regular monthly meeting")
        THEMATIC = "thematic", _("Thematic meeting")
        EXTRAORDINARY = "extraordinary", _("Extraordinary meeting")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft agenda")
        PUBLISHED = "published", _("Agenda published")
        HELD = "held", _("Held")
        APPROVED = "approved", _("Minutes approved")

    cell = models.ForeignKey(Cell, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("cell"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.REGULAR)
    topic = models.CharField(_("topic"), max_length=300, blank=True, help_text=_("For a thematic meeting."))
    month = models.DateField(_("month"), help_text=_("The first day of the month the meeting belongs to."))
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    chair = models.ForeignKey(
        Member, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("chair")
    )
    minute_taker = models.ForeignKey(
        Member, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("minute-taker")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveIntegerField(_("version"), default=1)
    agenda_number = models.PositiveIntegerField(_("programme number"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    # Preparation checklist (Chỉ thị 50-CT/TW, Hướng dẫn 42-HD/BTCTW).
    prepared_by = models.ForeignKey(
        Member,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("prepares the content and draft resolution"),
    )
    content_agreed_on = models.DateField(_("committee agreed the content on"), null=True, blank=True)
    notified_on = models.DateField(_("members and superior committee notified on"), null=True, blank=True)
    handbook_posted_on = models.DateField(_("documents posted on the electronic handbook on"), null=True, blank=True)
    resolution_posted_on = models.DateField(_("resolution posted and reported on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-date", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cell", "month"],
                condition=Q(kind="regular"),
                name="meetings_meeting_one_regular_per_month",
                violation_error_message=_("The cell already has a regular meeting in this month."),
            ),
        ]
        indexes = [models.Index(fields=["cell", "month"], name="meetings_meeting_cell_month")]

    def __str__(self):
        if self.kind == self.Kind.THEMATIC and self.topic:
            return _("Thematic meeting: %(topic)s") % {"topic": self.topic}
        return _("%(kind)s %(month)s") % {"kind": self.get_kind_display(), "month": self.month.strftime("%m/%Y")}

    def get_absolute_url(self):
        return reverse("meetings:detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.status != self.Status.DRAFT

    @property
    def agenda_editable(self) -> bool:
        """The agenda may be edited until the meeting is held."""
        return self.status in (self.Status.DRAFT, self.Status.PUBLISHED)


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items", verbose_name=_("meeting"))
    section = models.PositiveSmallIntegerField(_("section"), choices=Section.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=300)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    presenter = models.ForeignKey(
        Member, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("presenter")
    )
    planned_minutes = models.PositiveSmallIntegerField(
        _("planned minutes"), validators=[MinValueValidator(0), MaxValueValidator(600)]
    )
    notes = models.TextField(_("notes"), blank=True)
    documents = models.ManyToManyField(
        GuidingDocument, blank=True, related_name="agenda_items", verbose_name=_("guiding documents")
    )
    key = models.CharField(_("key"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["section", "position", "pk"]

    def __str__(self):
        return self.title
