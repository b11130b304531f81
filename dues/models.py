"""The party dues ledger (đảng phí) of Quy định 01-QĐ/TW (03/02/2026): the rates as data, what each member
declared, what they paid, and what the cell remitted to the superior committee each month.

Amounts are whole đồng. A month is stored as its first day (core.months)."""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from members.models import Cell, Member

# The largest amount one payment or one remittance may carry: anything above is a typing error.
MAX_PAYMENT = 100_000_000
MAX_REMITTANCE = 1_000_000_000
MAX_DECLARED = 10_000_000_000  # a declared monthly salary or pension


class BasisKind(models.TextChoices):
    SALARY = "salary", _("Salary on which social insurance is paid")
    PENSION = "pension", _("Pension")
    STUDENT = "student", _("Pupil or student")
    FIXED = "fixed", _("Other: a monthly amount set by the cell")


class DuesRate(models.Model):
    """One rate of the dues rules, as a clerk can change it: a share of the declared amount or a fixed sum
    per month, from a date on, with the text it comes from."""

    basis = models.CharField(_("basis"), max_length=10, choices=BasisKind.choices)
    percent = models.DecimalField(
        _("share of the declared amount (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    fixed_amount = models.PositiveIntegerField(_("fixed amount per month (đồng)"), null=True, blank=True)
    source = models.CharField(
        _("source"), max_length=200, help_text=_("For example Quy định 01-QĐ/TW ngày 03/02/2026.")
    )
    valid_from = models.DateField(_("valid from"))

    class Meta:
        verbose_name = _("dues rate")
        verbose_name_plural = _("dues rates")
        ordering = ["basis", "-valid_from"]
        constraints = [models.UniqueConstraint(fields=["basis", "valid_from"], name="dues_rate_unique")]

    def __str__(self):
        return f"{self.get_basis_display()}: {self.label} ({self.source})"

    @property
    def label(self) -> str:
        if self.percent is not None:
            return f"{self.percent.normalize():f} %".replace(".", ",")
        return f"{self.fixed_amount or 0:,} đ".replace(",", ".")

    def amount_for(self, declared: int) -> int:
        """The month's dues on ``declared`` đồng: the share rounded to the đồng, or the fixed sum."""
        if self.percent is not None:
            return int((Decimal(declared) * self.percent / 100).quantize(Decimal(1), rounding="ROUND_HALF_UP"))
        return self.fixed_amount or 0


class Relief(models.TextChoices):
    NONE = "none", _("No exemption or reduction")
    EXEMPT = "exempt", _("Exempt from dues")
    REDUCE_30 = "reduce30", _("Reduced by 30 %")
    REDUCE_50 = "reduce50", _("Reduced by 50 %")
    REDUCE_70 = "reduce70", _("Reduced by 70 %")


REDUCTION = {Relief.REDUCE_30: 30, Relief.REDUCE_50: 50, Relief.REDUCE_70: 70}


class DuesBasis(models.Model):
    """What a member declared, from a month on, until their next declaration: the basis, the declared salary
    or pension, and an exemption or reduction with its reason and period."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="dues_bases", verbose_name=_("member"))
    valid_from = models.DateField(_("from the month"))
    kind = models.CharField(_("basis"), max_length=10, choices=BasisKind.choices)
    declared_amount = models.PositiveBigIntegerField(
        _("declared amount (đồng per month)"),
        default=0,
        help_text=_("The salary on which social insurance is paid, or the pension; for a fixed amount, the amount."),
    )
    relief = models.CharField(_("exemption or reduction"), max_length=10, choices=Relief.choices, default=Relief.NONE)
    relief_reason = models.CharField(_("reason for the exemption or reduction"), max_length=300, blank=True)
    relief_until = models.DateField(
        _("exemption or reduction until the month"), null=True, blank=True, help_text=_("Empty: no end.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("recorded by")
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("dues basis")
        verbose_name_plural = _("dues bases")
        ordering = ["member", "-valid_from"]
        constraints = [models.UniqueConstraint(fields=["member", "valid_from"], name="dues_basis_unique")]

    def __str__(self):
        return f"{self.member}: {self.get_kind_display()} ({self.valid_from:%m/%Y})"

    @property
    def short_label(self) -> str:
        """The basis in a few words, for the ledger's table."""
        return {
            BasisKind.SALARY: _("salary"),
            BasisKind.PENSION: _("pension"),
            BasisKind.STUDENT: _("pupil or student"),
            BasisKind.FIXED: _("fixed amount"),
        }[self.kind]

    def relief_on(self, month: date) -> str:
        if self.relief == Relief.NONE or (self.relief_until is not None and month > self.relief_until):
            return Relief.NONE
        return self.relief


class DuesPayment(models.Model):
    """One payment of a member, for one month or several in a row."""

    class Method(models.TextChoices):
        CASH = "cash", _("Cash to the cell")
        TRANSFER = "transfer", _("Transfer or online (National Public Service Portal)")

    cell = models.ForeignKey(Cell, on_delete=models.CASCADE, related_name="dues_payments", verbose_name=_("cell"))
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="dues_payments", verbose_name=_("member"))
    first_month = models.DateField(_("from the month"))
    last_month = models.DateField(_("to the month"))
    amount = models.PositiveBigIntegerField(_("amount (đồng)"))
    method = models.CharField(_("paid by"), max_length=10, choices=Method.choices, default=Method.CASH)
    paid_on = models.DateField(_("paid on"))
    collected_by = models.ForeignKey(
        Member,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("collected by"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("recorded by")
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("dues payment")
        verbose_name_plural = _("dues payments")
        ordering = ["-paid_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(last_month__gte=F("first_month")), name="dues_payment_months"),
            models.CheckConstraint(condition=Q(amount__gt=0, amount__lte=MAX_PAYMENT), name="dues_payment_amount"),
        ]
        indexes = [models.Index(fields=["cell", "first_month", "last_month"], name="dues_payment_months_idx")]

    def __str__(self):
        return f"{self.member}: {self.months_label}, " + f"{self.amount:,} đ".replace(",", ".")

    @property
    def months(self) -> list[date]:
        months, month = [], self.first_month
        while month <= self.last_month:
            months.append(month)
            month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
        return months

    @property
    def months_label(self) -> str:
        if self.first_month == self.last_month:
            return f"{self.first_month:%m/%Y}"
        return f"{self.first_month:%m/%Y}–{self.last_month:%m/%Y}"

    def share_of(self, month: date) -> int:
        """The part of the amount that pays ``month``: split evenly, the odd đồng on the first month."""
        months = self.months
        if month not in months:
            return 0
        share, rest = divmod(self.amount, len(months))
        return share + (rest if month == months[0] else 0)


class DuesRemittance(models.Model):
    """The month's dues remitted to the superior committee, with its receipt: once per cell and month."""

    cell = models.ForeignKey(Cell, on_delete=models.CASCADE, related_name="dues_remittances", verbose_name=_("cell"))
    month = models.DateField(_("month"))
    amount = models.PositiveBigIntegerField(_("amount remitted (đồng)"))
    receipt_number = models.CharField(_("receipt number"), max_length=50)
    remitted_on = models.DateField(_("remitted on"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("recorded by")
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("dues remittance")
        verbose_name_plural = _("dues remittances")
        ordering = ["-month"]
        constraints = [models.UniqueConstraint(fields=["cell", "month"], name="dues_remittance_once_a_month")]

    def __str__(self):
        return f"{self.cell}: {self.month:%m/%Y} ({self.receipt_number})"


class DuesSettings(models.Model):
    """The cell's dues keeping: the committee member in charge of finance (besides the secretary and deputy)."""

    cell = models.OneToOneField(Cell, on_delete=models.CASCADE, related_name="dues_settings", verbose_name=_("cell"))
    treasurer = models.ForeignKey(
        Member,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("committee member in charge of finance"),
    )

    class Meta:
        verbose_name = _("dues settings")
        verbose_name_plural = _("dues settings")

    def __str__(self):
        return str(self.cell)
