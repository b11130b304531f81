from django import forms
from django.utils.translation import gettext_lazy as _

from members.forms import AuditedChangesMixin, DateField, TextLimits
from members.models import Member
from supervision.models import SupervisionItem, SupervisionPlan

NOT_OURS = _("Choose a member of this cell.")


class PlanForm(AuditedChangesMixin, forms.ModelForm):
    class Meta:
        model = SupervisionPlan
        fields = ["purpose", "scope"]
        widgets = {"purpose": forms.Textarea(attrs={"rows": 3}), "scope": forms.Textarea(attrs={"rows": 2})}


class ItemForm(TextLimits, forms.Form):
    """One member to supervise: a row of the plan."""

    item_id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    member = forms.ModelChoiceField(
        label=_("Member supervised"),
        queryset=Member.objects.none(),
        required=False,
        error_messages={"invalid_choice": NOT_OURS},
    )
    content = forms.CharField(label=_("Content supervised"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    form = forms.ChoiceField(label=_("Form"), choices=SupervisionItem.Form.choices)
    method = forms.ChoiceField(label=_("Method"), choices=SupervisionItem.Method.choices)
    supervisor = forms.ModelChoiceField(
        label=_("Supervised by"),
        queryset=Member.objects.none(),
        required=False,
        error_messages={"invalid_choice": _("Choose a committee member of this cell.")},
    )
    period_start = DateField(label=_("From"), required=False)
    period_end = DateField(label=_("To"), required=False)
    report_due = DateField(label=_("Report due"), required=False)

    def __init__(self, *args, members, committee, bounds, cell, **kwargs):
        super().__init__(*args, **kwargs)
        self.bounds = bounds
        self.fields["member"].queryset = Member.objects.filter(cell=cell).active()
        self.fields["member"].choices = [("", "---------"), *((m.pk, m.full_name) for m in members)]
        self.fields["supervisor"].queryset = Member.objects.filter(cell=cell, role__in=Member.COMMITTEE_ROLES).active()
        self.fields["supervisor"].choices = [("", "---------"), *((m.pk, m.full_name) for m in committee)]

    # fmt: skip

    def clean(self):
        data = super().clean()
        if not data.get("member"):
            return data  # an empty row is skipped
        for name in ["content", "supervisor", "period_start", "period_end", "report_due"]:
            if not data.get(name):
                self.add_error(name, _("This field is required."))
        if data.get("supervisor") and data["supervisor"] == data["member"]:
            self.add_error("supervisor", _("A member cannot supervise themselves."))
        start, end = self.bounds
        first, last = data.get("period_start"), data.get("period_end")
        if first and last and not (start <= first <= last <= end):
            self.add_error(
                "period_end",
                _("The period must lie within the quarter (%(start)s–%(end)s).")
                % {"start": start.strftime("%d/%m/%Y"), "end": end.strftime("%d/%m/%Y")},
            )
        return data


class BaseItemFormSet(forms.BaseFormSet):
    def clean(self):
        seen = set()
        for form in self.forms:
            member = form.cleaned_data.get("member") if hasattr(form, "cleaned_data") else None
            if member and not form.cleaned_data.get("DELETE"):
                if member.pk in seen:
                    raise forms.ValidationError(_("%(name)s is listed twice.") % {"name": member.full_name})
                seen.add(member.pk)


ItemFormSet = forms.formset_factory(ItemForm, formset=BaseItemFormSet, extra=2, can_delete=True, max_num=80)


class FindingsForm(TextLimits, forms.ModelForm):
    create_violation = forms.BooleanField(
        label=_("Open a violation record for this member"),
        required=False,
        help_text=_("When a sign of violation was found, the member's record gets a violation to handle."),
    )

    class Meta:
        model = SupervisionItem
        fields = ["strengths", "shortcomings", "recommendations", "violation_sign"]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in ["strengths", "shortcomings", "recommendations"]}

    # fmt: skip


class ApproveForm(forms.Form):
    approved_on = DateField(
        label=_("Approval date"),
        required=False,
        help_text=_("The date the committee approved the plan: on or before the quarter's first day."),
    )


class ReportForm(forms.Form):
    summary = forms.CharField(
        label=_("Conclusions of the supervision"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10000,
        error_messages={"required": _("Write the conclusions of the supervision.")},
    )
    recommendations = forms.CharField(
        label=_("Recommendations to the cell"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10000,
        required=False,
    )
    reported_on = DateField(label=_("Report date"), error_messages={"required": _("Give the date of the report.")})


class CandidateForm(forms.Form):
    member = forms.ModelChoiceField(
        label=_("Member"), queryset=Member.objects.none(), error_messages={"invalid_choice": NOT_OURS}
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
    evidence = forms.CharField(
        label=_("Evidence"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=4000,
        help_text=_("Findings, task assessments, classification."),
    )

    def __init__(self, *args, cell, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = Member.objects.filter(cell=cell).active()
        self.fields["member"].choices = [("", "---------"), *((m.pk, m.full_name) for m in members)]

    # fmt: skip
