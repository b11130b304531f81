from django import forms
from django.utils.translation import gettext_lazy as _

from meetings.models import AgendaItem, DocumentFormat, DocumentType, GuidingDocument, Meeting, StandardAgendaItem
from members.forms import DateField
from members.models import Member


class VersionForm(forms.Form):
    """The agenda version the page was opened at, to detect two people editing at once."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class TimeInput(forms.TimeInput):
    def __init__(self, attrs=None):
        super().__init__(attrs={"placeholder": _("hh:mm"), **(attrs or {})}, format="%H:%M")


def _cell_members(cell):
    return Member.objects.filter(cell=cell).active()


class MeetingForm(forms.ModelForm):
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
                self.fields[name].queryset = _cell_members(cell)
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

    def changes(self) -> dict:
        return {
            name: (self.initial.get(name), self.cleaned_data.get(name))
            for name in self.changed_data
            if name != "version"
        }


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


class PrepareForm(forms.Form):
    month = forms.DateField(
        label=_("Month"),
        input_formats=["%m/%Y"],
        widget=forms.DateInput(format="%m/%Y", attrs={"placeholder": _("mm/yyyy")}),
        error_messages={"invalid": _("Enter the month as mm/yyyy, for example 12/2026.")},
    )


class AgendaItemForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta:
        model = AgendaItem
        fields = ["section", "title", "category", "presenter", "planned_minutes", "notes", "documents"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2}), "documents": forms.CheckboxSelectMultiple}
        error_messages = {
            "planned_minutes": {
                "max_value": _("At most 600 minutes for one item."),
                "min_value": _("The planned time cannot be negative."),
            }
        }

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["presenter"].queryset = _cell_members(meeting.cell)
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

    def changes(self) -> dict:
        return {
            name: (self.initial.get(name), self.cleaned_data.get(name))
            for name in self.changed_data
            if name != "version"
        }


class GuidingDocumentForm(forms.ModelForm):
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


class StandardStepForm(forms.ModelForm):
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

    def changes(self) -> dict:
        return {name: (self.initial.get(name), self.cleaned_data.get(name)) for name in self.changed_data}


class DocumentFormatForm(forms.ModelForm):
    """The format profile plus where each document counter of the current term stands."""

    class Meta:
        model = DocumentFormat
        fields = [
            "source",
            "margin_top_mm",
            "margin_bottom_mm",
            "margin_left_mm",
            "margin_right_mm",
            "body_pt",
            "party_name_pt",
            "doc_type_pt",
            "summary_pt",
            "recipients_pt",
            "first_line_indent_mm",
            "party_name",
            "for_cell",
            "for_committee",
            "secretary",
            "deputy",
            "minute_taker_label",
            "chair_label",
            "recipients_label",
            "draft_mark",
        ]

    def __init__(self, *args, counters: dict[str, int], **kwargs):
        super().__init__(*args, **kwargs)
        for code, label in DocumentType.choices:
            self.fields[f"next_{code}"] = forms.IntegerField(
                label=_("Next number: %(type)s") % {"type": label},
                min_value=1,
                max_value=9999,
                initial=counters[code],
                error_messages={"min_value": _("Numbers start at 1.")},
            )

    GROUPS = [
        (_("Page margins"), ["margin_top_mm", "margin_bottom_mm", "margin_left_mm", "margin_right_mm"]),
        (
            _("Type sizes"),
            ["body_pt", "party_name_pt", "doc_type_pt", "summary_pt", "recipients_pt", "first_line_indent_mm"],
        ),
        (
            _("Labels"),
            [
                "party_name",
                "for_cell",
                "for_committee",
                "secretary",
                "deputy",
                "minute_taker_label",
                "chair_label",
                "recipients_label",
                "draft_mark",
            ],
        ),
    ]

    def groups(self):
        """The fields in labelled groups, for a compact page; the counters come last."""
        groups = [(label, [self[name] for name in names]) for label, names in self.GROUPS]
        return [(_("Source"), [self["source"]]), *groups, (_("Numbering"), [self[f"next_{c}"] for c in DocumentType])]

    def counters(self) -> dict[str, int]:
        return {code: self.cleaned_data[f"next_{code}"] for code in DocumentType.values}

    def changes(self) -> dict:
        return {
            name: (self.initial.get(name), self.cleaned_data.get(name))
            for name in self.changed_data
            if not name.startswith("next_")
        }
