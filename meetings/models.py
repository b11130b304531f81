from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.frozen import FrozenChild, FrozenRow
from members.models import Cell, Member

# Approved minutes and their resolution are frozen in the database too (core.frozen): the record, the
# meeting's printed particulars, and the rows the minutes and resolution are made of.
FROZEN = "chibo: approved minutes and resolution cannot be changed (a correction is an addendum)"
APPROVED_MEETING = (
    "EXISTS (SELECT 1 FROM meetings_meetingrecord r WHERE r.meeting_id = {row}.meeting_id AND r.status = 'approved')"
)
APPROVED_RECORD = (
    "EXISTS (SELECT 1 FROM meetings_meetingrecord r WHERE r.id = {row}.record_id AND r.status = 'approved')"
)


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

    ordered_within = ("section",)  # its steps are ordered within their section (members.services)

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
        triggers = [
            FrozenRow(  # what the minutes print of the meeting; the preparation checklist may still be filled in
                name="frozen_meeting",
                message=FROZEN,
                frozen="{row}.status = 'approved'",
                fields=[
                    "cell",
                    "kind",
                    "topic",
                    "month",
                    "date",
                    "start_time",
                    "place",
                    "chair",
                    "minute_taker",
                    "status",
                ],
            )
        ]

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
    # Recorded at the meeting.
    record = models.TextField(_("presented and concluded"), blank=True)
    actual_minutes = models.PositiveSmallIntegerField(
        _("actual minutes"), null=True, blank=True, validators=[MaxValueValidator(600)]
    )
    started_at = models.DateTimeField(_("under way since"), null=True, blank=True)  # live mode: the item now on

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["section", "position", "pk"]
        # The superior committee's overview adds up each cell's time by category from this index alone.
        indexes = [
            models.Index(
                fields=["meeting", "category"],
                include=["actual_minutes", "planned_minutes"],
                name="meetings_agendaitem_times",
            )
        ]
        triggers = [FrozenChild(name="frozen_agenda_item", message=FROZEN, frozen=APPROVED_MEETING)]

    def __str__(self):
        return self.title


# The record of a held meeting ------------------------------------------------------------


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        LATE = "late", _("Late")
        EXCUSED = "excused", _("Absent with a reason")
        UNEXCUSED = "unexcused", _("Absent without a reason")

    PRESENT_STATUSES = (Status.PRESENT, Status.LATE)

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("meeting"))
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("member"))
    status = models.CharField(_("attendance"), max_length=20, choices=Status.choices, default=Status.PRESENT)
    reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="meetings_attendance_unique")]
        # The superior committee's overview counts each cell's attendance from this index alone.
        indexes = [models.Index(fields=["meeting", "status"], name="meetings_attendance_status")]
        triggers = [FrozenChild(name="frozen_attendance", message=FROZEN, frozen=APPROVED_MEETING)]

    def __str__(self):
        return f"{self.member} — {self.get_status_display()}"

    @property
    def is_present(self) -> bool:
        return self.status in self.PRESENT_STATUSES


class Speech(models.Model):
    """A member spoke on an agenda item: the minutes record the speaker and the opinion."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="speeches", verbose_name=_("item"))
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="speeches", verbose_name=_("speaker"))
    summary = models.TextField(_("opinion, in short"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("speech")
        verbose_name_plural = _("speeches")
        ordering = ["created_at", "pk"]
        triggers = [
            FrozenChild(
                name="frozen_speech",
                message=FROZEN,
                frozen="EXISTS (SELECT 1 FROM meetings_agendaitem i JOIN meetings_meetingrecord r "
                "ON r.meeting_id = i.meeting_id WHERE i.id = {row}.item_id AND r.status = 'approved')",
            )
        ]

    def __str__(self):
        return f"{self.member}: {self.summary[:60]}"


class MeetingRecord(models.Model):
    """What the minutes and the resolution of a held meeting say; locked once approved."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="record", verbose_name=_("meeting"))
    opened_at = models.TimeField(_("opened at"), null=True, blank=True)
    closed_at = models.TimeField(_("closed at"), null=True, blank=True)
    # Live mode: when the minute-taker started and ended the meeting on the live screen.
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    guests = models.TextField(_("guests"), blank=True, help_text=_("Name and position, one per line."))
    dues_status = models.TextField(_("party dues this month"), blank=True)
    # The resolution (nghị quyết), in the structure used in practice.
    assessment = models.TextField(_("assessment of the month"), blank=True)
    praise = models.TextField(_("praise and reminders"), blank=True)
    shortcomings = models.TextField(_("shortcomings and causes"), blank=True)
    directions = models.TextField(_("directions for next month"), blank=True)
    implementation = models.TextField(_("assignment and implementation"), blank=True)
    quality_scores = models.JSONField(_("quality score"), default=list, blank=True)
    votes_for = models.PositiveSmallIntegerField(_("for"), null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(_("against"), null=True, blank=True)
    votes_abstain = models.PositiveSmallIntegerField(_("abstaining"), null=True, blank=True)
    vote_base = models.PositiveSmallIntegerField(_("members counted"), null=True, blank=True)
    # The minutes (biên bản): drafted from the structured record, then edited.
    minutes_text = models.TextField(_("minutes"), blank=True)
    conclusion = models.TextField(_("chair's conclusion"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    minutes_number = models.PositiveIntegerField(_("minutes number"), null=True, blank=True)
    resolution_number = models.PositiveIntegerField(_("resolution number"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("meeting record")
        verbose_name_plural = _("meeting records")
        triggers = [FrozenRow(name="frozen_minutes", message=FROZEN, frozen="{row}.status = 'approved'")]

    def __str__(self):
        return _("Record of %(meeting)s") % {"meeting": self.meeting}

    @property
    def is_locked(self) -> bool:
        return self.status == self.Status.APPROVED

    @property
    def quality_total(self) -> int | None:
        return sum(row["points"] for row in self.quality_scores) if self.quality_scores else None

    @property
    def quality_max(self) -> int | None:
        """The sheet's maximum as it stood when the meeting was scored (the sheet is the cell's data)."""
        return sum(row["max"] for row in self.quality_scores) if self.quality_scores else None

    @property
    def threshold(self) -> int | None:
        """More than half of the members counted (QĐ 232): floor(base / 2) + 1."""
        return self.vote_base // 2 + 1 if self.vote_base is not None else None

    @property
    def passed(self) -> bool | None:
        if self.votes_for is None or self.vote_base is None:
            return None
        return self.votes_for >= self.threshold


class MinutesRevision(models.Model):
    """An earlier text of the minutes, kept when the text is rebuilt from the record or restored."""

    record = models.ForeignKey(
        MeetingRecord, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("record")
    )
    minutes_text = models.TextField(_("minutes"))
    conclusion = models.TextField(_("chair's conclusion"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("minutes revision")
        verbose_name_plural = _("minutes revisions")
        ordering = ["-created_at", "-pk"]
        triggers = [FrozenChild(name="frozen_minutes_revision", message=FROZEN, frozen=APPROVED_RECORD)]

    def __str__(self):
        return _("Minutes as of %(at)s") % {"at": self.created_at.strftime("%d/%m/%Y %H:%M")}


class ResolutionTask(models.Model):
    """A task the resolution sets for next month, with its owner and deadline."""

    record = models.ForeignKey(MeetingRecord, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("record"))
    content = models.CharField(_("task"), max_length=500)
    owner = models.ForeignKey(
        Member, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("owner")
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)

    class Meta:
        verbose_name = _("resolution task")
        verbose_name_plural = _("resolution tasks")
        ordering = ["pk"]
        triggers = [FrozenChild(name="frozen_resolution_task", message=FROZEN, frozen=APPROVED_RECORD)]

    def __str__(self):
        return self.content


class TaskReview(models.Model):
    """How a task of last month's resolution went, reviewed item by item at this meeting."""

    class Result(models.TextChoices):
        DONE = "done", _("Done")
        ONGOING = "ongoing", _("Under way")
        NOT_DONE = "not_done", _("Not done")

    record = models.ForeignKey(
        MeetingRecord, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("record")
    )
    task = models.ForeignKey(ResolutionTask, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("task"))
    result = models.CharField(_("result"), max_length=20, choices=Result.choices, default=Result.DONE)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("task review")
        verbose_name_plural = _("task reviews")
        ordering = ["task_id"]
        constraints = [models.UniqueConstraint(fields=["record", "task"], name="meetings_taskreview_unique")]
        triggers = [FrozenChild(name="frozen_task_review", message=FROZEN, frozen=APPROVED_RECORD)]

    def __str__(self):
        return f"{self.task} — {self.get_result_display()}"


class Addendum(models.Model):
    """A correction to approved minutes: a new, linked text, never a change to the original."""

    record = models.ForeignKey(
        MeetingRecord, on_delete=models.CASCADE, related_name="addenda", verbose_name=_("record")
    )
    text = models.TextField(_("correction"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("addendum")
        verbose_name_plural = _("addenda")
        ordering = ["created_at"]

    def __str__(self):
        return self.text[:60]


class ScoringCriterion(models.Model):
    """One line of the cell's meeting quality sheet (default: the local sheets under HD 42)."""

    cell = models.ForeignKey(Cell, on_delete=models.CASCADE, related_name="scoring_criteria", verbose_name=_("cell"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    label = models.CharField(_("criterion"), max_length=200)
    max_points = models.PositiveSmallIntegerField(_("maximum points"), validators=[MaxValueValidator(100)])

    class Meta:
        verbose_name = _("scoring criterion")
        verbose_name_plural = _("scoring criteria")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.label
