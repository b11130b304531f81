import re

from django import forms
from django.utils.translation import gettext_lazy as _

from dues.models import MAX_DECLARED, MAX_PAYMENT, MAX_REMITTANCE, BasisKind, DuesPayment, Relief
from members.forms import DateField, MonthField, QuickSelect, TextLimits
from members.models import Member

DIGITS = re.compile(r"[0-9]+")


class AmountField(forms.CharField):
    """Whole đồng, typed as 1250000 or 1.250.000 (spaces and the thousands separators are dropped)."""

    def __init__(self, *, most: int, **kwargs):
        self.most = most
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "placeholder": _("for example 150.000")})

    def clean(self, value):
        value = super().clean(value)
        if value in (None, ""):
            return None
        text = re.sub(r"[\s.]", "", value).removesuffix("đ").removesuffix("đồng")
        if text.startswith("-"):
            raise forms.ValidationError(_("An amount cannot be negative."), code="negative")
        if "," in text or not DIGITS.fullmatch(text):
            raise forms.ValidationError(_("Enter whole đồng in digits, for example 150000 or 150.000."), code="invalid")
        amount = int(text)
        if amount <= 0:
            raise forms.ValidationError(_("The amount must be more than 0 đồng."), code="zero")
        if amount > self.most:
            raise forms.ValidationError(
                _("%(amount)s đồng is not plausible here (at most %(most)s đồng): check the figure."),
                code="absurd",
                params={"amount": f"{amount:,}".replace(",", "."), "most": f"{self.most:,}".replace(",", ".")},
            )
        return amount


class PaymentForm(TextLimits, forms.Form):
    member = forms.ModelChoiceField(queryset=Member.objects.none(), label=_("Member"), widget=QuickSelect)
    first_month = MonthField(label=_("For the month"))
    last_month = MonthField(
        label=_("To the month"), required=False, help_text=_("When one payment covers several months; else empty.")
    )
    amount = AmountField(label=_("Amount (đồng)"), most=MAX_PAYMENT)
    method = forms.ChoiceField(label=_("Paid by"), choices=DuesPayment.Method.choices, widget=QuickSelect)
    paid_on = DateField(label=_("Paid on"))
    collected_by = forms.ModelChoiceField(
        queryset=Member.objects.none(),
        label=_("Collected by"),
        required=False,
        widget=QuickSelect,
        help_text=_("For cash paid to the cell."),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=300)

    def __init__(self, *args, members: list[Member], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "—")] + [(m.pk, m.full_name) for m in members]
        for name in ("member", "collected_by"):
            self.fields[name].queryset = Member.objects.filter(pk__in=[m.pk for m in members])
            self.fields[name].choices = choices
        self.fields["member"].error_messages["required"] = _("Choose the member who paid.")
        self.fields["amount"].error_messages["required"] = _("Enter the amount paid.")

    def clean(self):
        data = super().clean()
        if data.get("first_month") and not data.get("last_month"):
            data["last_month"] = data["first_month"]
        if data.get("method") == DuesPayment.Method.CASH and not data.get("collected_by"):
            self.add_error("collected_by", _("Say who collected the cash."))
        return data


class BasisForm(TextLimits, forms.Form):
    valid_from = MonthField(label=_("From the month"))
    kind = forms.ChoiceField(label=_("Basis"), choices=BasisKind.choices, widget=QuickSelect)
    declared_amount = AmountField(
        label=_("Declared amount (đồng per month)"),
        most=MAX_DECLARED,
        required=False,
        help_text=_(
            "The salary on which social insurance was paid the month before (1 %), or the pension (0.5 %); for "
            "“Other”, the monthly dues the cell set. Empty for a pupil or student."
        ),
    )
    relief = forms.ChoiceField(label=_("Exemption or reduction"), choices=Relief.choices, widget=QuickSelect)
    relief_reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=300,
        help_text=_("For example: 50 years of Party membership; application approved by the cell on 05/03/2026."),
    )
    relief_until = MonthField(label=_("Until the month"), required=False, help_text=_("Empty: no end."))

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind in (BasisKind.SALARY, BasisKind.PENSION, BasisKind.FIXED) and not data.get("declared_amount"):
            if "declared_amount" not in self.errors:
                self.add_error("declared_amount", _("Enter the declared amount for this basis."))
        if data.get("relief") not in (None, Relief.NONE) and not data.get("relief_reason", "").strip():
            self.add_error("relief_reason", _("Give the reason for the exemption or reduction."))
        return data


class RemittanceForm(TextLimits, forms.Form):
    amount = AmountField(label=_("Amount remitted (đồng)"), most=MAX_REMITTANCE)
    receipt_number = forms.CharField(label=_("Receipt number"), max_length=50)
    remitted_on = DateField(label=_("Remitted on"))
    note = forms.CharField(label=_("Note"), required=False, max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["receipt_number"].error_messages["required"] = _("Enter the receipt number.")
        self.fields["amount"].error_messages["required"] = _("Enter the amount remitted.")


class TreasurerForm(forms.Form):
    treasurer = forms.ModelChoiceField(
        queryset=Member.objects.none(), label=_("Committee member in charge of finance"), required=False
    )

    def __init__(self, *args, committee: list[Member], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["treasurer"].queryset = Member.objects.filter(pk__in=[m.pk for m in committee])
        self.fields["treasurer"].empty_label = _("(nobody: the secretary and deputy keep the dues)")
