"""The committee's monthly review of every member, commendations, violations, what the meeting
announced (praise, reminder, criticism) and the yearly classification prepared from the record."""

from datetime import date, timedelta

from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.frozen import FrozenRow
from members.models import Cell, Member


class WorkGrade(models.Model):
    """One step of the workplace's own monthly work grade (bình xét công: A, B, C …); never a Party rating."""

    cell = models.ForeignKey(Cell, on_delete=models.CASCADE, related_name="work_grades", verbose_name=_("cell"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    code = models.CharField(_("grade"), max_length=10)
    label = models.CharField(_("meaning"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("work grade")
        verbose_name_plural = _("work grades")
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["cell", "code"], name="evaluations_workgrade_unique")]

    def __str__(self):
        return self.code


class Proposal(models.TextChoices):
    """What the committee proposes for the meeting, and what the meeting announced."""

    NONE = "none", _("Nothing to announce")
    PRAISE = "praise", _("Praise")
    REMIND = "remind", _("Reminder")
    CRITICISE = "criticise", _("Criticism")


class MonthlyReview(models.Model):
    """The committee's pre-meeting review of every member for one month."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Being filled in")
        SUBMITTED = "submitted", _("Submitted to the secretary")
        CONFIRMED = "confirmed", _("Confirmed")

    cell = models.ForeignKey(Cell, on_delete=models.CASCADE, related_name="monthly_reviews", verbose_name=_("cell"))
    month = models.DateField(_("month"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    submitted_by = models.ForeignKey(
        Member, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("submitted by")
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        Member, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("confirmed by")
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    # The meeting whose agenda shows the proposals, set at confirmation (services.review_confirm): the month's
    # regular meeting, or the next one not yet held when the sheet was confirmed after its month's meeting.
    meeting = models.ForeignKey(
        "meetings.Meeting",  # lazy: meetings sits above this app (ARCHITECTURE.md)
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="review_sheets",
        verbose_name=_("proposals go to the meeting"),
    )

    class Meta:
        verbose_name = _("monthly review")
        verbose_name_plural = _("monthly reviews")
        ordering = ["-month"]
        constraints = [models.UniqueConstraint(fields=["cell", "month"], name="evaluations_review_one_a_month")]

    def __str__(self):
        return _("Review of %(month)s") % {"month": self.month.strftime("%m/%Y")}

    @property
    def is_confirmed(self) -> bool:
        return self.status == self.Status.CONFIRMED

    @property
    def work_month(self) -> date:
        """The month of work the sheet reviews: the one before its meeting's month (the meeting early in
        the month reviews the month just ended)."""
        return (self.month - timedelta(days=1)).replace(day=1)


class ReviewRow(models.Model):
    """One member's line of the monthly review."""

    review = models.ForeignKey(MonthlyReview, on_delete=models.CASCADE, related_name="rows", verbose_name=_("review"))
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="review_rows", verbose_name=_("member"))
    workload = models.TextField(_("workload of the month"), blank=True)
    grade = models.ForeignKey(
        WorkGrade, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("work grade")
    )
    commendations = models.TextField(_("commendations this month"), blank=True)
    shortcomings = models.TextField(_("violations or shortcomings"), blank=True)
    proposal = models.CharField(_("proposal"), max_length=12, choices=Proposal.choices, default=Proposal.NONE)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("review line")
        verbose_name_plural = _("review lines")
        constraints = [models.UniqueConstraint(fields=["review", "member"], name="evaluations_row_one_per_member")]

    def __str__(self):
        return f"{self.member} — {self.review}"


class Commendation(models.Model):
    """A commendation from a competent authority (khen thưởng)."""

    cell = models.ForeignKey(Cell, on_delete=models.CASCADE, related_name="+", verbose_name=_("cell"))
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="commendations", verbose_name=_("member"))
    form = models.CharField(_("form"), max_length=200, help_text=_("E.g. Giấy khen, Bằng khen, Chiến sĩ thi đua."))
    decision_number = models.CharField(_("decision number"), max_length=100, blank=True)
    decided_on = models.DateField(_("date"))
    issuer = models.CharField(_("issued by"), max_length=200)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("commendation")
        verbose_name_plural = _("commendations")
        ordering = ["-decided_on", "-pk"]

    def __str__(self):
        return f"{self.form} — {self.member}"


class Violation(models.Model):
    """A violation or shortcoming, who found it, how it was handled and the result."""

    class Handling(models.TextChoices):
        # Measures the cell records without discipline, then the forms of party discipline (QĐ 69-QĐ/TW).
        REMINDER = "reminder", _("Reminder (nhắc nhở)")
        CRITICISM = "criticism", _("Criticism (phê bình)")
        SELF_REVIEW = "self_review", _("Self-criticism review (kiểm điểm rút kinh nghiệm)")
        REPRIMAND = "reprimand", _("Reprimand (khiển trách)")
        WARNING = "warning", _("Warning (cảnh cáo)")
        REMOVAL = "removal", _("Removal from post (cách chức)")
        EXPULSION = "expulsion", _("Expulsion (khai trừ)")

    DISCIPLINE = (Handling.REPRIMAND, Handling.WARNING, Handling.REMOVAL, Handling.EXPULSION)

    cell = models.ForeignKey(Cell, on_delete=models.CASCADE, related_name="+", verbose_name=_("cell"))
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="violations", verbose_name=_("member"))
    description = models.TextField(_("violation or shortcoming"))
    found_on = models.DateField(_("found on"))
    found_by = models.CharField(_("found by"), max_length=200)
    handling = models.CharField(_("handling"), max_length=12, choices=Handling.choices, blank=True)
    handled_on = models.DateField(_("handled on"), null=True, blank=True)
    result = models.TextField(_("result"), blank=True, help_text=_("How the member remedied it."))

    class Meta:
        verbose_name = _("violation")
        verbose_name_plural = _("violations")
        ordering = ["-found_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(handled_on__isnull=True) | Q(handled_on__gte=F("found_on")),
                name="evaluations_violation_handled_after_found",
            )
        ]

    def __str__(self):
        return f"{self.member}: {self.description[:60]}"

    @property
    def is_discipline(self) -> bool:
        return self.handling in self.DISCIPLINE

    @property
    def is_remedied(self) -> bool:
        return bool(self.result.strip())


class Announcement(models.Model):
    """What the meeting actually announced for a member: praise, a reminder or a criticism."""

    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="announcements", verbose_name=_("meeting")
    )
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="announcements", verbose_name=_("member"))
    kind = models.CharField(_("kind"), max_length=12, choices=Proposal.choices)
    text = models.TextField(_("what was said"))
    row = models.ForeignKey(
        ReviewRow, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("proposed in")
    )

    class Meta:
        verbose_name = _("praise or criticism")
        verbose_name_plural = _("praise and criticism")
        ordering = ["meeting__date", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member", "kind"], name="evaluations_announcement_unique")
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.member}"


class RatingLevel(models.Model):
    """A level of the yearly classification (QĐ 366-QĐ/TW, Art. 11), its points and conditions, as data."""

    cell = models.ForeignKey(Cell, on_delete=models.CASCADE, related_name="rating_levels", verbose_name=_("cell"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    label = models.CharField(_("level"), max_length=100)
    min_points = models.PositiveSmallIntegerField(_("from (points)"), validators=[MaxValueValidator(100)])
    all_on_time = models.BooleanField(_("every task done on time"), default=False)
    min_exceeding_share = models.PositiveSmallIntegerField(
        _("tasks above the expected level, at least (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    all_remedied = models.BooleanField(_("every shortcoming remedied"), default=False)
    no_discipline = models.BooleanField(_("no party discipline in the year"), default=False)

    class Meta:
        verbose_name = _("classification level")
        verbose_name_plural = _("classification levels")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.label


class Classification(models.Model):
    """A member's yearly classification: the proposal computed from the record, and the committee's decision."""

    cell = models.ForeignKey(Cell, on_delete=models.CASCADE, related_name="+", verbose_name=_("cell"))
    year = models.PositiveSmallIntegerField(_("year"))
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="classifications", verbose_name=_("member")
    )
    proposed_points = models.PositiveSmallIntegerField(_("proposed points"), null=True, blank=True)
    proposed_level = models.CharField(_("proposed level"), max_length=100, blank=True)
    level = models.ForeignKey(
        RatingLevel, on_delete=models.PROTECT, related_name="+", verbose_name=_("level confirmed by the committee")
    )
    reason = models.TextField(_("reason for changing the proposal"), blank=True)
    confirmed_by = models.ForeignKey(
        Member, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("confirmed by")
    )
    confirmed_on = models.DateField(_("confirmed on"), default=date.today)

    class Meta:
        verbose_name = _("classification")
        verbose_name_plural = _("classifications")
        constraints = [
            models.UniqueConstraint(fields=["cell", "year", "member"], name="evaluations_classification_unique")
        ]
        # A row is the committee's decision: the database refuses to change or delete it (core.frozen).
        triggers = [
            FrozenRow(
                name="frozen_classification", message="chibo: a decided classification cannot be changed", frozen="TRUE"
            )
        ]

    def __str__(self):
        return f"{self.member} — {self.year}: {self.level}"


class RecordView(models.Model):
    """Someone other than the member opened the member's review record or supervision findings
    (Law 91/2025/QH15 on personal data: the member can see who looked, and when)."""

    class What(models.TextChoices):
        REVIEW_RECORD = "review_record", _("review record, praise and criticism")
        FINDINGS = "findings", _("supervision findings")

    cell = models.ForeignKey(Cell, on_delete=models.CASCADE, related_name="+", verbose_name=_("cell"))
    subject = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="record_views", verbose_name=_("member whose record")
    )
    viewer = models.ForeignKey(
        Member, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("seen by")
    )
    what = models.CharField(_("what"), max_length=20, choices=What.choices)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("view of a record")
        verbose_name_plural = _("views of records")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["subject", "-at"], name="evaluations_recordview_subject")]
        # Append-only like the audit log (core.frozen): the member's list of who looked stays as it was.
        triggers = [
            FrozenRow(name="append_only_record_views", message="chibo: the log of views is append-only", frozen="TRUE")
        ]

    def __str__(self):
        return f"{self.viewer} → {self.subject}: {self.get_what_display()}"
