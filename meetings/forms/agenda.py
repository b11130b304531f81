"""Forms for preparing the meeting: the meeting, its agenda items, guiding documents, the standard order
and the scoring sheet."""

from django import forms
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _

from meetings.models import (
    AgendaItem,
    GuidingDocument,
    Meeting,
    ScoringCriterion,
    StandardAgendaItem,
)
from members.forms import AuditedChangesMixin, DateField, MonthField, QuickCheckboxes, QuickSelect, TextLimits
from members.models import Member


class VersionForm(forms.Form):
    """The agenda version the page was opened at, to detect two people editing at once."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class TimeInput(forms.TimeInput):
    def __init__(self, attrs=None):
        super().__init__(attrs={"placeholder": _("hh:mm"), **(attrs or {})}, format="%H:%M")


def cell_members(cell):
    return Member.objects.filter(cell=cell).active()


class MeetingForm(AuditedChangesMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta:
        model = Meeting
        fields = [
            "kind",
            "topic",
            "date",
            "start_time",
            "place",
            "chair",
            "minute_taker",
            "agenda_number",
            "prepared_by",
            "content_agreed_on",
            "notified_on",
            "handbook_posted_on",
            "resolution_posted_on",
        ]
        field_classes = dict.fromkeys(
            ["date", "content_agreed_on", "notified_on", "handbook_posted_on", "resolution_posted_on"], DateField
        )
        widgets = {"start_time": TimeInput()}

    def __init__(self, *args, cell, **kwargs):
        super().__init__(*args, **kwargs)
        self.cell = cell
        for name in ["chair", "minute_taker", "prepared_by"]:
            if name in self.fields:
                self.fields[name].queryset = cell_members(cell)
        if self.instance.pk and "version" in self.fields:
            self.fields["version"].initial = self.instance.version

    def clean(self):
        data = super().clean()
        day, kind = data.get("date"), data.get("kind")
        month = self.instance.month if self.instance.pk else None
        if day and month and (day.year, day.month) != (month.year, month.month):
            self.add_error(
                "date", _("The date must fall in the meeting's month, %(month)s.") % {"month": f"{month:%m/%Y}"}
            )
        if kind == Meeting.Kind.THEMATIC and not (data.get("topic") or "").strip():
            self.add_error("topic", _("A thematic meeting needs its topic."))
        chair = data.get("chair")
        if chair and chair.role not in Member.MANAGER_ROLES:
            self.add_error("chair", _("The chair is the secretary or the deputy secretary."))
        return data


class NewMeetingForm(MeetingForm):
    """A thematic or extraordinary meeting; the month follows its date."""

    class Meta(MeetingForm.Meta):
        fields = ["kind", "topic", "date", "start_time", "place", "chair", "minute_taker"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["version"]
        self.fields["kind"].choices = [
            (value, label) for value, label in Meeting.Kind.choices if value != Meeting.Kind.REGULAR
        ]


class ResolutionPostedForm(forms.Form):
    """The day the resolution was posted in the unit and reported to the superior committee (HD 42: within
    two days of the meeting); filled in after the meeting, when the agenda can no longer change."""

    posted_on = DateField(label=_("Resolution posted and reported on"))

    def __init__(self, *args, meeting, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting, self.today = meeting, today

    def clean_posted_on(self):
        day = self.cleaned_data["posted_on"]
        if day < self.meeting.date:
            raise forms.ValidationError(
                _("The resolution cannot be posted before the meeting (%(day)s).")
                % {"day": self.meeting.date.strftime("%d/%m/%Y")}
            )
        if day > self.today:
            raise forms.ValidationError(_("The date cannot be in the future."))
        return day


class PrepareForm(forms.Form):
    month = MonthField(label=_("Month"))


class AgendaItemForm(AuditedChangesMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta:
        model = AgendaItem
        fields = ["section", "title", "category", "presenter", "planned_minutes", "notes", "documents"]
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 2}),
            "section": QuickSelect,
            "category": QuickSelect,
            "presenter": QuickSelect,
            "documents": QuickCheckboxes,
        }
        error_messages = {
            "planned_minutes": {
                "max_value": _("At most 600 minutes for one item."),
                "min_value": _("The planned time cannot be negative."),
            }
        }

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["presenter"].queryset = cell_members(meeting.cell)
        self.fields["documents"].queryset = GuidingDocument.objects.filter(cell=meeting.cell)
        self.fields["planned_minutes"].widget.attrs.update({"min": 0, "max": 600})
        self.fields["version"].initial = meeting.version

    def clean_planned_minutes(self):
        minutes = self.cleaned_data["planned_minutes"]
        if minutes is not None and minutes < 0:
            raise forms.ValidationError(_("The planned time cannot be negative."))
        return minutes

    def clean_title(self):
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise forms.ValidationError(_("Enter the item's title."))
        return title


class GuidingDocumentForm(TextLimits, forms.ModelForm):
    class Meta:
        model = GuidingDocument
        fields = ["number", "issued_on", "issuer", "title", "summary"]
        field_classes = {"issued_on": DateField}
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, cell, **kwargs):
        super().__init__(*args, **kwargs)
        self.cell = cell

    def clean_number(self):
        number = self.cleaned_data["number"].strip()
        taken = GuidingDocument.objects.filter(cell=self.cell, number__iexact=number).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("The register already has a document with this number."))
        return number


class StandardStepForm(AuditedChangesMixin, forms.ModelForm):
    class Meta:
        model = StandardAgendaItem
        fields = ["section", "title", "category", "default_minutes"]
        error_messages = {"default_minutes": {"max_value": _("At most 600 minutes for one item.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["default_minutes"].widget.attrs.update({"min": 0, "max": 600})

    def clean_title(self):
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise forms.ValidationError(_("Enter the item's title."))
        return title

    @staticmethod
    def total(steps) -> int:
        """Minutes planned by the whole order."""
        return sum(step.default_minutes for step in steps)


class ScoringCriterionForm(AuditedChangesMixin, forms.ModelForm):
    """One line of the meeting quality sheet; meetings already scored keep the sheet they were scored on."""

    class Meta:
        model = ScoringCriterion
        fields = ["label", "max_points"]
        error_messages = {
            "label": {"required": _("Enter what the criterion scores.")},
            "max_points": {
                "max_value": _("At most 100 points for one criterion."),
                "min_value": _("A criterion is worth at least 1 point."),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["max_points"].min_value = 1
        self.fields["max_points"].validators.append(MinValueValidator(1))
        self.fields["max_points"].widget.attrs.update({"min": 1, "max": 100})

    def clean_label(self):
        return " ".join(self.cleaned_data["label"].split())

    @staticmethod
    def total(criteria) -> int:
        """Points of the whole sheet."""
        return sum(criterion.max_points for criterion in criteria)
