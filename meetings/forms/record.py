"""Forms for recording a held meeting: attendance, items, speeches, the resolution, the minutes."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from meetings.forms.agenda import TimeInput, cell_members
from meetings.models import (
    AgendaItem,
    Attendance,
    Meeting,
    MeetingRecord,
    TaskReview,
)
from members.forms import DateField, TextLimits
from members.models import Member


class AttendanceForm(TextLimits, forms.Form):
    """One row per member of the cell (status and reason), plus times, guests and dues."""

    opened_at = forms.TimeField(label=_("Opened at"), widget=TimeInput(), required=False)
    closed_at = forms.TimeField(label=_("Closed at"), widget=TimeInput(), required=False)
    guests = forms.CharField(
        label=_("Guests"), required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text=_("One per line.")
    )
    dues_status = forms.CharField(label=_("Party dues this month"), required=False, max_length=2000)

    def __init__(self, *args, sheet, record, **kwargs):
        super().__init__(*args, **kwargs)
        self.sheet = sheet
        self.members = {row.member.pk: row.member for row in sheet.rows}
        if record is not None:
            for name in ["opened_at", "closed_at", "guests", "dues_status"]:
                self.fields[name].initial = getattr(record, name)
        for row in sheet.rows:
            pk = row.member.pk
            self.fields[f"status_{pk}"] = forms.ChoiceField(
                label=row.member.full_name,
                choices=Attendance.Status.choices,
                initial=row.status or Attendance.Status.PRESENT,
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),  # as the reason beside it
            )
            self.fields[f"reason_{pk}"] = forms.CharField(
                label=_("Reason"),
                required=False,
                max_length=300,
                initial=row.attendance.reason if row.attendance else "",
            )

    def rows(self):
        return [(row, self[f"status_{row.member.pk}"], self[f"reason_{row.member.pk}"]) for row in self.sheet.rows]

    def clean(self):
        data = super().clean()
        strangers = [
            key
            for key in self.data
            if key.startswith("status_") and key[7:].isdigit() and int(key[7:]) not in self.members
        ]
        if strangers:
            raise forms.ValidationError(_("Attendance can be recorded only for members of this cell."))
        opened, closed = data.get("opened_at"), data.get("closed_at")
        if opened and closed and closed <= opened:
            self.add_error("closed_at", _("The closing time must be after the opening time."))
        for pk in self.members:
            status, reason = data.get(f"status_{pk}"), (data.get(f"reason_{pk}") or "").strip()
            if status == Attendance.Status.EXCUSED and not reason:
                self.add_error(f"reason_{pk}", _("Enter the reason for the absence."))
        return data

    def marks(self) -> dict:
        return {
            member: (self.cleaned_data[f"status_{pk}"], self.cleaned_data[f"reason_{pk}"].strip())
            for pk, member in self.members.items()
        }

    def details(self) -> dict:
        return {name: self.cleaned_data[name] for name in ["opened_at", "closed_at", "guests", "dues_status"]}


class ItemRecordForm(TextLimits, forms.Form):
    record = forms.CharField(
        label=_("Presented and concluded"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What was presented. A line starting with “Kết luận:” is the chair's conclusion on this item."),
    )
    actual_minutes = forms.IntegerField(
        label=_("Actual minutes"),
        required=False,
        min_value=0,
        max_value=600,
        error_messages={
            "max_value": _("At most 600 minutes for one item."),
            "min_value": _("The time cannot be negative."),
        },
    )


class SpeechForm(forms.Form):
    item = forms.ModelChoiceField(label=_("On the item"), queryset=AgendaItem.objects.none())
    member = forms.ModelChoiceField(label=_("Speaker"), queryset=Member.objects.none())
    summary = forms.CharField(label=_("Opinion, in short"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000)

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = meeting.items.all()
        self.fields["item"].label_from_instance = lambda item: item.title
        self.fields["member"].queryset = cell_members(meeting.cell)
        self.fields["member"].error_messages["invalid_choice"] = _("Choose a member of this cell.")
        marks = meeting.attendance.all()
        # Once the attendance is recorded, only members present speak (as in the live mode): the list offers them.
        self.present = {mark.member_id for mark in marks if mark.is_present} if marks else None
        if self.present is not None:
            field = self.fields["member"]
            field.choices = [("", field.empty_label)] + [
                (member.pk, member.full_name) for member in field.queryset if member.pk in self.present
            ]

    def clean_member(self):
        member = self.cleaned_data["member"]
        if self.present is not None and member.pk not in self.present:
            raise forms.ValidationError(
                _(
                    "%(name)s is not recorded as present at this meeting: only the opinions of members present "
                    "are recorded. Correct the attendance first if they came."
                )
                % {"name": member.full_name}
            )
        return member

    def clean_summary(self):
        summary = self.cleaned_data["summary"].strip()
        if not summary:
            raise forms.ValidationError(_("Write a short summary of the opinion."))
        return summary


class ResolutionForm(TextLimits, forms.ModelForm):
    """The resolution's texts, the vote and the quality score (one field per line of the cell's sheet)."""

    class Meta:
        model = MeetingRecord
        fields = [
            "assessment",
            "praise",
            "shortcomings",
            "directions",
            "implementation",
            "votes_for",
            "votes_against",
            "votes_abstain",
        ]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in fields[:5]}

    def __init__(self, *args, criteria, voters_present: int, reviews: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        self.voters_present = voters_present
        stored = {row["label"]: row["points"] for row in self.instance.quality_scores}
        for criterion in criteria:
            self.fields[f"score_{criterion.pk}"] = forms.IntegerField(
                label=f"{criterion.label} (/{criterion.max_points})",
                required=False,
                min_value=0,
                max_value=criterion.max_points,
                initial=stored.get(criterion.label),
                error_messages={"max_value": _("At most %(max)s points.") % {"max": criterion.max_points}},
            )
        self.review_tasks = reviews
        done = {r.task_id: r for r in self.instance.reviews.all()} if self.instance.pk else {}
        for task in reviews:
            old = done.get(task.pk)
            self.fields[f"review_{task.pk}"] = forms.ChoiceField(
                label=task.content, choices=TaskReview.Result.choices, initial=old.result if old else None
            )
            self.fields[f"note_{task.pk}"] = forms.CharField(
                label=_("Result"), required=False, max_length=500, initial=old.note if old else ""
            )

    def score_fields(self):
        return [self[f"score_{c.pk}"] for c in self.criteria]

    def review_fields(self):
        return [(task, self[f"review_{task.pk}"], self[f"note_{task.pk}"]) for task in self.review_tasks]

    def clean(self):
        data = super().clean()
        votes = [data.get(name) or 0 for name in ["votes_for", "votes_against", "votes_abstain"]]
        if sum(votes) > self.voters_present:
            raise forms.ValidationError(
                _(
                    "%(total)s votes were entered, but only %(present)s members present may vote. "
                    "Check the vote and the attendance."
                )
                % {"total": sum(votes), "present": self.voters_present}
            )
        return data

    def scores(self) -> list:
        return [
            {"label": c.label, "max": c.max_points, "points": self.cleaned_data[f"score_{c.pk}"]}
            for c in self.criteria
            if self.cleaned_data.get(f"score_{c.pk}") is not None
        ]

    def reviews(self) -> list:
        return [
            (task, self.cleaned_data[f"review_{task.pk}"], self.cleaned_data[f"note_{task.pk}"].strip())
            for task in self.review_tasks
        ]

    def texts(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class TaskForm(forms.Form):
    task_id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    content = forms.CharField(label=_("Task"), max_length=500, required=False)
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=Member.objects.none(), required=False)
    deadline = DateField(label=_("Deadline"), required=False)

    def __init__(self, *args, cell, owners: list, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["owner"]
        field.queryset = cell_members(cell)
        field.choices = [("", field.empty_label), *((m.pk, m.full_name) for m in owners)]  # one query for all rows
        field.error_messages["invalid_choice"] = _("Choose a member of this cell.")


TaskFormSet = forms.formset_factory(TaskForm, extra=3, can_delete=True, max_num=50)


class MinutesForm(TextLimits, forms.ModelForm):
    text_limits = {"minutes_text": settings.MINUTES_TEXT_LIMIT}

    class Meta:
        model = MeetingRecord
        fields = ["minutes_text", "conclusion"]
        widgets = {"minutes_text": forms.Textarea(attrs={"rows": 24}), "conclusion": forms.Textarea(attrs={"rows": 4})}


class PeriodForm(forms.Form):
    start = DateField(label=_("From"))
    end = DateField(label=_("To"))

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end of the period must not be before its start."))
        return data
