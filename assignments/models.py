"""Tasks the committee assigns to each member, with a due date and an expected level of completion."""

import uuid
from datetime import date, timedelta

from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from members.models import Cell, Member


class CompletionLevel(models.Model):
    """One step of the cell's scale of completion (default: xuất sắc / tốt / hoàn thành / không hoàn thành)."""

    cell = models.ForeignKey(Cell, on_delete=models.CASCADE, related_name="completion_levels", verbose_name=_("cell"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    label = models.CharField(_("level"), max_length=100)
    counts_as_done = models.BooleanField(
        _("counts as completed"), default=True, help_text=_("Untick for “not completed”.")
    )

    class Meta:
        verbose_name = _("completion level")
        verbose_name_plural = _("completion levels")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.label


class TaskQuerySet(models.QuerySet):
    def with_related(self):
        return self.select_related(
            "assignee__unit", "assigned_by", "expected_level", "assessed_level", "meeting", "cell"
        )

    def for_list(self):
        """What a list of tasks shows: fewer joins than ``with_related`` (planning a nine-table join took
        longer than running it); the list's cell is set on each task by ``with_cell``."""
        return self.select_related("assignee__unit", "expected_level", "assessed_level")

    def open(self):
        return self.filter(state=Task.State.OPEN)

    def overdue(self, on: date):
        return self.open().filter(due_date__lt=on)


class Task(models.Model):
    """One concrete task for one member; a task for several members is several tasks sharing a group."""

    class Source(models.TextChoices):
        SUPERIOR = "superior", _("Superior committee")
        SECTOR = "sector", _("Sector plan and targets")
        RESOLUTION = "resolution", _("Cell resolution")
        OTHER = "other", _("Other")

    class Priority(models.TextChoices):
        HIGH = "high", _("High")
        NORMAL = "normal", _("Normal")
        LOW = "low", _("Low")

    class State(models.TextChoices):
        OPEN = "open", _("In progress")
        DONE = "done", _("Done")
        NOT_DONE = "not_done", _("Closed as not done")

    cell = models.ForeignKey(Cell, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("cell"))
    group = models.UUIDField(_("group"), default=uuid.uuid4, editable=False, db_index=True)
    title = models.CharField(_("task"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices, default=Source.RESOLUTION)
    source_ref = models.CharField(
        _("reference"), max_length=200, blank=True, help_text=_("E.g. Nghị quyết tháng 11/2026, point II.2.")
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",  # lazy: meetings sits above this app (ARCHITECTURE.md)
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_tasks",
        verbose_name=_("assigned at the meeting"),
    )
    resolution_task = models.ForeignKey(
        "meetings.ResolutionTask",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assignments",
        verbose_name=_("resolution point"),
    )
    assignee = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="tasks", verbose_name=_("assignee"))
    assigned_by = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="tasks_assigned", verbose_name=_("assigned by")
    )
    assigned_on = models.DateField(_("assigned on"))
    due_date = models.DateField(_("due date"))
    expected_level = models.ForeignKey(
        CompletionLevel, on_delete=models.PROTECT, related_name="+", verbose_name=_("expected level")
    )
    priority = models.CharField(_("priority"), max_length=10, choices=Priority.choices, default=Priority.NORMAL)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0, validators=[MaxValueValidator(100)])
    done_on = models.DateField(_("done on"), null=True, blank=True)
    closed_reason = models.TextField(_("why it was closed as not done"), blank=True)
    assessed_level = models.ForeignKey(
        CompletionLevel,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assessed level"),
    )
    assessment = models.TextField(_("committee's comment"), blank=True)
    assessed_by = models.ForeignKey(
        Member, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("assessed by")
    )
    assessed_on = models.DateField(_("assessed on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["due_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_date__gte=F("assigned_on")), name="assignments_task_due_after_assigned"
            ),
            models.CheckConstraint(condition=Q(progress__lte=100), name="assignments_task_progress_max_100"),
        ]
        indexes = [
            models.Index(fields=["cell", "due_date"], name="assignments_task_cell_due"),
            models.Index(fields=["assignee", "state", "due_date"], name="assignments_task_mine"),
            # The open tasks of a cell that fell due before a date (the carry-over a meeting reviews): a few
            # rows among a cell's years of closed tasks.
            models.Index(
                fields=["cell", "due_date"], condition=models.Q(state="open"), name="assignments_task_open_due"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("assignments:detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN

    def is_overdue_on(self, on: date) -> bool:
        return self.is_open and self.due_date < on

    @property
    def is_overdue(self) -> bool:
        return self.is_overdue_on(timezone.localdate())

    @property
    def is_due_soon(self) -> bool:
        today = timezone.localdate()
        return self.is_open and today <= self.due_date <= today + timedelta(days=self.cell.task_due_soon_days)

    @property
    def done_on_time(self) -> bool | None:
        if self.state != self.State.DONE or self.done_on is None:
            return None
        return self.done_on <= self.due_date

    @property
    def outcome(self) -> str:
        """The task's state in words, as the minutes and the review list say it."""
        if self.state == self.State.NOT_DONE:
            return gettext("not done")
        if self.state == self.State.DONE:
            return gettext("done on time") if self.done_on_time else gettext("done late")
        if self.is_overdue:
            return gettext("overdue, %(progress)s%% done") % {"progress": self.progress}
        return gettext("in progress, %(progress)s%% done") % {"progress": self.progress}


class ProgressReport(models.Model):
    """What the member reported: how far the task is, on which date, with a note."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reports", verbose_name=_("task"))
    reported_on = models.DateField(_("date"))
    percent = models.PositiveSmallIntegerField(_("progress (%)"), validators=[MaxValueValidator(100)])
    note = models.TextField(_("note"), blank=True)
    marked_done = models.BooleanField(_("marked done"), default=False)
    by = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+", verbose_name=_("reported by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["-reported_on", "-pk"]

    def __str__(self):
        return f"{self.task}: {self.percent}%"


class TaskExtension(models.Model):
    """A new due date given at a meeting or by the committee; the reason is kept."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="extensions", verbose_name=_("task"))
    previous_due = models.DateField(_("previous due date"))
    new_due = models.DateField(_("new due date"))
    reason = models.TextField(_("reason"))
    by = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+", verbose_name=_("extended by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.task}: {self.previous_due} → {self.new_due}"


class CalendarFeed(models.Model):
    """A member's private calendar address; resetting it makes the old address answer 404."""

    member = models.OneToOneField(
        Member, on_delete=models.CASCADE, related_name="calendar_feed", verbose_name=_("member")
    )
    token = models.CharField(_("token"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return str(self.member)
