"""Quarterly supervision plans (Quy định 296-QĐ/TW): who supervises which member on what, the
findings, the quarterly report; and the pool of future committee members (nguồn cấp ủy)."""

from datetime import date

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.frozen import FrozenChild, FrozenRow
from evaluations.models import Violation
from members.models import Cell, Member

# An approved plan is frozen in the database too (core.frozen): what the approval fixed stays, while the
# status moves on (in progress, reported), the findings are recorded and addenda are added.
FROZEN = "chibo: an approved supervision plan cannot be changed (a correction is an addendum)"


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    """First and last day of a quarter."""
    start = date(year, 3 * quarter - 2, 1)
    end = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return start, date.fromordinal(end.toordinal() - 1)


class SupervisionPlan(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")
        IN_PROGRESS = "in_progress", _("In progress")
        REPORTED = "reported", _("Reported")

    cell = models.ForeignKey(Cell, on_delete=models.CASCADE, related_name="supervision_plans", verbose_name=_("cell"))
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"), choices=[(q, q) for q in range(1, 5)])
    purpose = models.TextField(_("purpose and requirements"), blank=True)
    scope = models.TextField(_("scope"), blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    number = models.PositiveIntegerField(_("plan number"), null=True, blank=True)
    approved_by = models.ForeignKey(
        Member, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("approved by")
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_on = models.DateField(
        _("approval date"), null=True, blank=True, help_text=_("The plan's date: on or before the quarter's start.")
    )
    report = models.TextField(_("summary of the results"), blank=True)
    report_number = models.PositiveIntegerField(_("report number"), null=True, blank=True)
    reported_at = models.DateTimeField(_("reported at"), null=True, blank=True)
    reported_on = models.DateField(_("report date"), null=True, blank=True)
    report_recommendations = models.TextField(_("recommendations to the cell"), blank=True)

    class Meta:
        verbose_name = _("supervision plan")
        verbose_name_plural = _("supervision plans")
        ordering = ["-year", "-quarter"]
        constraints = [
            models.UniqueConstraint(fields=["cell", "year", "quarter"], name="supervision_plan_one_a_quarter")
        ]
        triggers = [
            FrozenRow(  # never back to a draft; once reported, the report is fixed as well
                name="frozen_plan",
                message=FROZEN,
                frozen="{row}.status <> 'draft'",
                fields=[
                    "cell",
                    "year",
                    "quarter",
                    "purpose",
                    "scope",
                    "number",
                    "approved_by",
                    "approved_at",
                    "approved_on",
                ],
                changed="NEW.status = 'draft' OR (OLD.status = 'reported' AND OLD IS DISTINCT FROM NEW)",
            )
        ]

    def __str__(self):
        return _("Supervision plan, quarter %(quarter)s of %(year)s") % {"quarter": self.quarter, "year": self.year}

    def get_absolute_url(self):
        return reverse("supervision:plan", args=[self.pk])

    @property
    def bounds(self) -> tuple[date, date]:
        return quarter_bounds(self.year, self.quarter)

    @property
    def approval_date(self) -> date | None:
        """The plan's own date (its approval), for plans approved before the date was kept: the day of approval."""
        if self.approved_on:
            return self.approved_on
        return timezone.localtime(self.approved_at).date() if self.approved_at else None

    @property
    def report_date(self) -> date | None:
        if self.reported_on:
            return self.reported_on
        return timezone.localtime(self.reported_at).date() if self.reported_at else None

    @property
    def is_locked(self) -> bool:
        return self.status != self.Status.DRAFT

    @property
    def takes_findings(self) -> bool:
        return self.status in (self.Status.APPROVED, self.Status.IN_PROGRESS)


class SupervisionItem(models.Model):
    """One member supervised: content, form and method, by whom, when, and what was found."""

    class Form(models.TextChoices):
        REGULAR = "regular", _("Regular (thường xuyên)")
        THEMATIC = "thematic", _("Thematic (chuyên đề)")

    class Method(models.TextChoices):
        DIRECT = "direct", _("Direct: attending, observing, talking with the member")
        INDIRECT = "indirect", _("Indirect: reports, documents, the member's self-assessment")
        VERIFICATION = "verification", _("Thematic with verification")

    plan = models.ForeignKey(SupervisionPlan, on_delete=models.CASCADE, related_name="items", verbose_name=_("plan"))
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="supervised_in", verbose_name=_("member supervised")
    )
    content = models.TextField(_("content supervised"))
    form = models.CharField(_("form"), max_length=12, choices=Form.choices, default=Form.REGULAR)
    method = models.CharField(_("method"), max_length=14, choices=Method.choices, default=Method.DIRECT)
    supervisor = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="supervising", verbose_name=_("supervising committee member")
    )
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    report_due = models.DateField(_("report due"))
    strengths = models.TextField(_("strengths"), blank=True)
    shortcomings = models.TextField(_("shortcomings"), blank=True)
    recommendations = models.TextField(_("recommendations"), blank=True)
    violation_sign = models.BooleanField(_("a sign of violation was found"), default=False)
    violation = models.ForeignKey(
        Violation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("violation record"),
    )
    findings_on = models.DateField(_("findings recorded on"), null=True, blank=True)

    class Meta:
        verbose_name = _("supervised member")
        verbose_name_plural = _("supervised members")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "member"], name="supervision_item_one_per_member"),
            models.CheckConstraint(condition=~Q(member=models.F("supervisor")), name="supervision_not_self"),
        ]
        triggers = [
            FrozenChild(  # the findings (strengths … findings_on) are recorded after the approval
                name="frozen_plan_item",
                message=FROZEN,
                frozen="EXISTS (SELECT 1 FROM supervision_supervisionplan p WHERE p.id = {row}.plan_id "
                "AND p.status <> 'draft')",
                fields=[
                    "plan",
                    "member",
                    "content",
                    "form",
                    "method",
                    "supervisor",
                    "period_start",
                    "period_end",
                    "report_due",
                ],
            )
        ]

    def __str__(self):
        return f"{self.member} — {self.plan}"

    @property
    def has_findings(self) -> bool:
        return self.findings_on is not None


class PlanAddendum(models.Model):
    """A correction to an approved plan: the plan itself never changes."""

    plan = models.ForeignKey(SupervisionPlan, on_delete=models.CASCADE, related_name="addenda", verbose_name=_("plan"))
    text = models.TextField(_("correction"))
    by = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+", verbose_name=_("added by"))
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("plan addendum")
        verbose_name_plural = _("plan addenda")
        ordering = ["created_at"]

    def __str__(self):
        return self.text[:60]


class Candidate(models.Model):
    """A member the committee marks as a future committee member (nguồn cấp ủy)."""

    cell = models.ForeignKey(Cell, on_delete=models.CASCADE, related_name="+", verbose_name=_("cell"))
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+", verbose_name=_("member"))
    reason = models.TextField(_("reason"))
    evidence = models.TextField(_("evidence"), blank=True, help_text=_("Findings, task assessments, classification."))
    added_by = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+", verbose_name=_("added by"))
    added_on = models.DateField(_("added on"), auto_now_add=True)

    class Meta:
        verbose_name = _("committee candidate")
        verbose_name_plural = _("committee candidates")
        ordering = ["added_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["cell", "member"], name="supervision_candidate_once")]

    def __str__(self):
        return str(self.member)
