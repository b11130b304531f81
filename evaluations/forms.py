import re

from django import forms
from django.utils.translation import gettext_lazy as _

from evaluations.models import Commendation, Proposal, RatingLevel, Violation, WorkGrade
from evaluations.selectors import requires_all_on_time
from members.forms import AuditedChangesMixin, DateField, MonthField

ROW_FIELD = re.compile(r"^(workload|grade|commendations|shortcomings|proposal|note)_(\d+)$")


class OpenReviewForm(forms.Form):
    month = MonthField(
        label=_("Month"),
        help_text=_("The month of the meeting the sheet prepares; it reviews the work of the month before."),
    )


class ReviewSheetForm(forms.Form):
    """The whole month's sheet on one page: six fields per member line, named ``<field>_<line pk>``."""

    def __init__(self, *args, rows, grades, previous=None, tasks=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        self.previous = previous or {}
        self.tasks = tasks or {}
        grade_choices = [("", "—"), *((g.pk, g.code) for g in grades)]
        self.grades = {g.pk: g for g in grades}
        for row in rows:
            name = row.member.full_name

            def labelled(label, widget, name=name):
                """A short visible label; screen readers hear the member's name too."""
                widget.attrs["aria-label"] = f"{label}: {name}"
                return {"label": label, "widget": widget}

            self.fields[f"workload_{row.pk}"] = forms.CharField(
                required=False,
                initial=row.workload,
                max_length=2000,
                **labelled(_("Workload"), forms.Textarea(attrs={"rows": 2})),
            )
            self.fields[f"grade_{row.pk}"] = forms.TypedChoiceField(
                choices=grade_choices,
                required=False,
                coerce=int,
                empty_value=None,
                initial=row.grade_id,
                error_messages={"invalid_choice": _("Choose a grade of the cell's scale.")},
                **labelled(_("Work grade"), forms.Select()),
            )
            self.fields[f"commendations_{row.pk}"] = forms.CharField(
                required=False,
                initial=row.commendations,
                max_length=2000,
                **labelled(_("Commendations"), forms.Textarea(attrs={"rows": 2})),
            )
            self.fields[f"shortcomings_{row.pk}"] = forms.CharField(
                required=False,
                initial=row.shortcomings,
                max_length=2000,
                **labelled(_("Shortcomings"), forms.Textarea(attrs={"rows": 2})),
            )
            self.fields[f"proposal_{row.pk}"] = forms.ChoiceField(
                choices=Proposal.choices,
                initial=row.proposal,
                error_messages={"invalid_choice": _("Choose praise, reminder, criticism or nothing.")},
                **labelled(_("Proposal"), forms.Select()),
            )
            self.fields[f"note_{row.pk}"] = forms.CharField(
                required=False, initial=row.note, max_length=2000, **labelled(_("Note"), forms.TextInput()),
            )  # fmt: skip

    def clean(self):
        data = super().clean()
        known = {row.pk for row in self.rows}
        for key in self.data:
            match = ROW_FIELD.match(key)
            if match and int(match.group(2)) not in known:
                raise forms.ValidationError(
                    _("The sheet has no line for that member this month: they may have left the cell.")
                )
        return data

    def lines(self):
        """(row, bound fields, last month's line, the member's tasks due last month) for the template."""
        names = ["workload", "grade", "commendations", "shortcomings", "proposal", "note"]
        return [
            (
                row,
                [self[f"{name}_{row.pk}"] for name in names],
                self.previous.get(row.member_id),
                self.tasks.get(row.member_id),
            )
            for row in self.rows
        ]

    def values(self) -> dict[int, dict]:
        result = {}
        for row in self.rows:
            values = {
                name: self.cleaned_data[f"{name}_{row.pk}"]
                for name in ["workload", "commendations", "shortcomings", "proposal", "note"]
            }
            grade = self.cleaned_data[f"grade_{row.pk}"]
            values["grade"] = self.grades.get(grade) if grade else None
            result[row.pk] = values
        return result


class CommendationForm(AuditedChangesMixin, forms.ModelForm):
    class Meta:
        model = Commendation
        fields = ["form", "decision_number", "decided_on", "issuer", "reason"]
        field_classes = {"decided_on": DateField}
        widgets = {"reason": forms.Textarea(attrs={"rows": 2})}


class ViolationForm(AuditedChangesMixin, forms.ModelForm):
    class Meta:
        model = Violation
        fields = ["description", "found_on", "found_by", "handling", "handled_on", "result"]
        field_classes = {"found_on": DateField, "handled_on": DateField}
        widgets = {"description": forms.Textarea(attrs={"rows": 2}), "result": forms.Textarea(attrs={"rows": 2})}

    def clean(self):
        data = super().clean()
        found, handled = data.get("found_on"), data.get("handled_on")
        if found and handled and handled < found:
            self.add_error("handled_on", _("A violation cannot be handled before it was found."))
        if handled and not data.get("handling"):
            self.add_error("handling", _("Choose how it was handled."))
        return data

    def validate_constraints(self, exclude=None):
        pass  # the form's own check says it in words; the database constraint stays as the last guard


class AnnounceForm(forms.Form):
    """What the meeting announced, one text per member and kind (praise, reminder, criticism)."""

    KINDS = [Proposal.PRAISE, Proposal.REMIND, Proposal.CRITICISE]

    def __init__(self, *args, members, existing, proposals, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = members
        proposed = {(row.member_id, row.proposal): row for row in proposals}
        self.proposed = proposed
        for member in members:
            for kind in self.KINDS:
                row = proposed.get((member.pk, kind))
                current = existing.get((member.pk, kind))
                self.fields[f"{kind}_{member.pk}"] = forms.CharField(
                    label=f"{Proposal(kind).label}: {member.full_name}",
                    required=False,
                    max_length=2000,
                    initial=current.text
                    if current
                    else (row.note or row.shortcomings or row.commendations)
                    if row
                    else "",
                    widget=forms.Textarea(attrs={"rows": 2}),
                )

    def entries(self):
        return [
            (member, kind, self.cleaned_data[f"{kind}_{member.pk}"].strip(), self.proposed.get((member.pk, kind)))
            for member in self.members
            for kind in self.KINDS
        ]

    def lines(self):
        return [(member, [self[f"{kind}_{member.pk}"] for kind in self.KINDS]) for member in self.members]


class ClassificationForm(forms.Form):
    """The committee's level for each rated member, with the reason when it differs from the proposal, and
    the date of the committee's meeting that decided them (the report's date)."""

    def __init__(self, *args, records, levels, year, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.records = [r for r in records if not r.exempt]
        self.year, self.today = year, today
        choices = [("", _("— choose a level —"))] + [(level.pk, level.label) for level in levels]
        self.all_levels = list(levels)
        self.levels = {level.pk: level for level in levels}
        for record in self.records:
            decided = record.decision  # the committee's decision is final: shown, no longer editable
            name = record.member.full_name
            self.fields[f"level_{record.member.pk}"] = forms.TypedChoiceField(
                label=_("Level: %(name)s") % {"name": name},
                widget=forms.Select(
                    attrs={"aria-label": _("Level: %(name)s") % {"name": name}, "class": "form-select"}
                ),
                choices=choices,
                coerce=int,
                empty_value=None,
                initial=decided.level_id if decided else record.proposed.pk if record.proposed else None,
                disabled=decided is not None,
                error_messages={
                    "invalid_choice": _("Choose a level of the cell's classification."),
                    "required": _("Choose a level for %(name)s: every rated member needs one.") % {"name": name},
                },
            )
            self.fields[f"reason_{record.member.pk}"] = forms.CharField(
                label=_("Reason: %(name)s") % {"name": name},
                widget=forms.TextInput(
                    attrs={"aria-label": _("Reason: %(name)s") % {"name": name}, "class": "form-control mt-1"}
                ),
                required=False,
                max_length=2000,
                initial=decided.reason if decided else "",
                disabled=decided is not None,
            )
        self.fields["decided_on"] = DateField(
            label=_("Date of the committee's decision"),
            help_text=_("The day the committee met and decided: the date of the report."),
            initial=today,
            disabled=not self.undecided,
            error_messages={"required": _("Give the date of the committee's decision.")},
        )

    def clean_decided_on(self):
        day = self.cleaned_data["decided_on"]
        if day > self.today:
            raise forms.ValidationError(_("The date of the decision cannot be in the future."))
        if day.year < self.year:
            raise forms.ValidationError(
                _("The classification of %(year)s is decided in %(year)s or after it.") % {"year": self.year}
            )
        return day

    def clean(self):
        data = super().clean()
        for record in self.undecided:
            level = self.levels.get(data.get(f"level_{record.member.pk}"))
            reason = (data.get(f"reason_{record.member.pk}") or "").strip()
            if level and record.not_on_time and requires_all_on_time(level, self.all_levels):
                self.add_error(
                    f"level_{record.member.pk}",
                    _(
                        "%(name)s has %(count)s task(s) not done on time: the level “%(level)s” needs every task "
                        "done on time (Quy định 366-QĐ/TW)."
                    )
                    % {"name": record.member.full_name, "count": record.not_on_time, "level": level.label},
                )
            elif level and record.proposed and level != record.proposed and not reason:
                self.add_error(
                    f"reason_{record.member.pk}", _("Give the reason for choosing a level other than the proposed one.")
                )
        return data

    def decisions(self):
        return [
            (
                record,
                self.levels[self.cleaned_data[f"level_{record.member.pk}"]],
                self.cleaned_data[f"reason_{record.member.pk}"],
            )
            for record in self.undecided
        ]

    @property
    def undecided(self):
        return [record for record in self.records if record.decision is None]

    def lines(self):
        return [
            (record, self[f"level_{record.member.pk}"], self[f"reason_{record.member.pk}"]) for record in self.records
        ]


class WorkGradeForm(AuditedChangesMixin, forms.ModelForm):
    class Meta:
        model = WorkGrade
        fields = ["code", "label"]
        error_messages = {"code": {"required": _("Enter the grade, e.g. A.")}}

    def clean_code(self):
        code = self.cleaned_data["code"]
        cell_id = self.instance.cell_id
        if cell_id and WorkGrade.objects.filter(cell_id=cell_id, code=code).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("The cell already has a grade %(code)s."), params={"code": code})
        return code

    @staticmethod
    def total(grades) -> int:
        return len(grades)


class RatingLevelForm(AuditedChangesMixin, forms.ModelForm):
    class Meta:
        model = RatingLevel
        fields = ["label", "min_points", "all_on_time", "min_exceeding_share", "all_remedied", "no_discipline"]
        error_messages = {"min_points": {"max_value": _("At most 100 points.")}}

    @staticmethod
    def total(levels) -> int:
        return len(levels)
