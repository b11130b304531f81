from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assignments.models import CompletionLevel, Task
from members.forms import AuditedChangesMixin, DateField, MonthField, QuickSelect
from members.models import Member, Unit

NOT_A_MEMBER = _("Choose active members of this cell.")
# A searchable picker (static/js/picker.js, Tom Select); without JavaScript, the plain select.
PICKER = {"data-picker": "", "data-placeholder": _("Type a name to search"), "data-no-results": _("No member found")}
DUE_BEFORE_ASSIGNED = _("The due date cannot be before the day the task is assigned.")


def _choices(field, rows, label=str) -> None:
    """Fill a choice field from rows already loaded: one query for a whole formset."""
    empty = [("", field.empty_label)] if getattr(field, "empty_label", None) is not None else []
    field.choices = [*empty, *((row.pk, label(row)) for row in rows)]


class LevelChoices:
    """Expected level: only levels that count as completed make sense as a goal."""

    def set_levels(self, name: str, levels: list[CompletionLevel], goals_only: bool) -> None:
        field = self.fields[name]
        field.queryset = CompletionLevel.objects.filter(pk__in=[level.pk for level in levels])
        _choices(field, [level for level in levels if level.counts_as_done or not goals_only])
        field.error_messages["invalid_choice"] = _("Choose a level of the cell's scale.")


class TaskForm(LevelChoices, AuditedChangesMixin, forms.ModelForm):
    """One task; when it is new, one task per chosen member, linked together."""

    assignees = forms.ModelMultipleChoiceField(
        label=_("Assignees"),
        queryset=Member.objects.none(),
        help_text=_("Several members get one task each, linked, each with its own progress."),
        widget=forms.SelectMultiple(attrs=PICKER),
        error_messages={"invalid_choice": NOT_A_MEMBER, "required": _("Choose who does the task.")},
    )

    class Meta:
        model = Task
        fields = [
            "title",
            "description",
            "source",
            "source_ref",
            "assigned_on",
            "due_date",
            "expected_level",
            "priority",
        ]
        field_classes = {"assigned_on": DateField, "due_date": DateField}
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, cell, levels, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_levels("expected_level", levels, goals_only=True)
        if self.instance.pk:
            del self.fields["assignees"]
        else:
            self.fields["assignees"].queryset = Member.objects.filter(cell=cell).active()
            _choices(self.fields["assignees"], members, lambda m: m.full_name)
            self.initial.setdefault("assigned_on", timezone.localdate())

    def clean_title(self):
        return " ".join(self.cleaned_data["title"].split())

    def clean(self):
        data = super().clean()
        if data.get("assigned_on") and data.get("due_date") and data["due_date"] < data["assigned_on"]:
            self.add_error("due_date", DUE_BEFORE_ASSIGNED)
        return data


class AssignRowForm(LevelChoices, forms.Form):
    """One row of the bulk form at a meeting: one point of the resolution, to one or several members."""

    resolution_task = forms.IntegerField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(label=_("Task"), max_length=300, required=False)
    assignees = forms.ModelMultipleChoiceField(
        label=_("Assignees"),
        queryset=Member.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs=PICKER),
        error_messages={"invalid_choice": NOT_A_MEMBER},
    )
    due_date = DateField(label=_("Due date"), required=False)
    expected_level = forms.ModelChoiceField(
        label=_("Expected level"), queryset=CompletionLevel.objects.none(), required=False
    )

    def __init__(self, *args, cell, levels, members, assigned_on, **kwargs):
        super().__init__(*args, **kwargs)
        self.assigned_on = assigned_on
        self.fields["assignees"].queryset = Member.objects.filter(cell=cell).active()
        _choices(self.fields["assignees"], members, lambda m: m.full_name)
        self.fields["assignees"].widget.attrs["size"] = 4
        self.set_levels("expected_level", levels, goals_only=True)

    def clean(self):
        data = super().clean()
        data["title"] = " ".join((data.get("title") or "").split())
        if not data["title"]:
            return data  # an empty row is skipped
        if not data.get("assignees"):
            self.add_error("assignees", _("Choose who does the task."))
        if not data.get("expected_level"):
            self.add_error("expected_level", _("Choose the expected level."))
        if not data.get("due_date"):
            self.add_error("due_date", _("Enter the due date."))
        elif data["due_date"] < self.assigned_on:
            self.add_error("due_date", DUE_BEFORE_ASSIGNED)
        return data


AssignFormSet = forms.formset_factory(AssignRowForm, extra=0, max_num=60)


class ReportForm(forms.Form):
    percent = forms.IntegerField(
        label=_("Progress (%)"),
        min_value=0,
        max_value=100,
        error_messages={
            "max_value": _("Progress is at most %(limit_value)s%%."),
            "min_value": _("Progress cannot be negative."),
            "required": _("Enter the progress in percent."),
        },
    )
    reported_on = DateField(label=_("Date"))
    note = forms.CharField(label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    done = forms.BooleanField(label=_("The task is done"), required=False)

    def __init__(self, *args, task, **kwargs):
        super().__init__(*args, **kwargs)
        self.task = task
        self.initial.setdefault("reported_on", timezone.localdate())
        self.initial.setdefault("percent", task.progress)

    def clean_reported_on(self):
        day = self.cleaned_data["reported_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        if day < self.task.assigned_on:
            raise forms.ValidationError(_("The date cannot be before the task was assigned."))
        return day


class AssessForm(LevelChoices, forms.Form):
    level = forms.ModelChoiceField(label=_("Level reached"), queryset=CompletionLevel.objects.none())
    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, levels, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_levels("level", levels, goals_only=False)


class ExtendForm(forms.Form):
    new_due = DateField(label=_("New due date"))
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, task, **kwargs):
        super().__init__(*args, **kwargs)
        self.task = task

    def clean_new_due(self):
        day = self.cleaned_data["new_due"]
        if day <= self.task.due_date:
            raise forms.ValidationError(_("The new due date must be after the current one."))
        return day


class CloseForm(forms.Form):
    reason = forms.CharField(label=_("Why it was not done"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class OverviewFilterForm(forms.Form):
    member = forms.TypedChoiceField(label=_("Member"), required=False, coerce=int, empty_value=None, widget=QuickSelect)
    unit = forms.TypedChoiceField(label=_("Unit"), required=False, coerce=int, empty_value=None, widget=QuickSelect)
    source = forms.ChoiceField(
        label=_("Source"), required=False, choices=[("", _("All")), *Task.Source.choices], widget=QuickSelect
    )
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", _("All")), *Task.State.choices, ("overdue", _("Overdue"))],
        widget=QuickSelect,
    )
    month = MonthField(label=_("Due in month"), required=False)

    def __init__(self, *args, members: list[Member], units: list[Unit], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = [("", _("All")), *((m.pk, m.full_name) for m in members)]
        self.fields["unit"].choices = [("", _("All")), *((u.pk, u.name) for u in units)]


class CompletionLevelForm(AuditedChangesMixin, forms.ModelForm):
    """One step of the cell's completion scale, edited on the cell's settings pages."""

    class Meta:
        model = CompletionLevel
        fields = ["label", "counts_as_done"]
        error_messages = {"label": {"required": _("Enter the level's name.")}}

    def clean_label(self):
        return " ".join(self.cleaned_data["label"].split())

    @staticmethod
    def total(levels) -> int:
        return len(levels)
