from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.core.validators import MaxLengthValidator
from django.db import models
from django.forms.models import construct_instance
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from core.months import FIRST_YEAR, LAST_YEAR, sensible_year
from core.rows import html
from core.textwidth import HEADER_COLUMN_MM, text_width_mm
from members.models import Cell, Member, Unit
from members.registry_xlsx import MEMBERSHIP_CHOICES, plain

# Option lists written in Python ---------------------------------------------------------------
# Django renders each <option> and each checkbox through its own templates, and crispy adds a loop of
# its own: a list of 25 members or 40 documents took a third of a page's time (bench/RESULTS.md). These
# widgets write the same HTML directly; every value and label goes through core.rows.html (format_html), so escaped.


def _attrs(attrs: dict) -> str:
    """As django/forms/widgets/attrs.html: ``False`` left out, ``True`` as a bare name."""
    return "".join(
        html(" {}", name) if value is True else html(' {}="{}"', name, value)
        for name, value in attrs.items()
        if value is not False and value is not None
    )


class QuickSelect(forms.Select):
    """A ``<select>`` as Django writes it, without a template per option."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [html('<select name="{}"', widget["name"]), mark_safe(_attrs(widget["attrs"])), ">"]
        for group, options, _index in widget["optgroups"]:
            if group:
                parts.append(html('<optgroup label="{}">', group))
            for option in options:
                parts.append(
                    html(
                        '<option value="{}"{}>{}</option>',
                        str(option["value"]),
                        mark_safe(_attrs(option["attrs"])),
                        option["label"],
                    )
                )
            if group:
                parts.append("</optgroup>")
        parts.append("</select>")
        return mark_safe("".join(str(part) for part in parts))


class QuickCheckboxes(forms.SelectMultiple):
    """Bootstrap's checkbox list (as crispy writes it for ``CheckboxSelectMultiple``), without a
    template per box. The field's label is its legend, as for Django's own checkbox list."""

    input_type = "checkbox"
    option_inherits_attrs = False
    use_fieldset = True

    def use_required_attribute(self, initial):
        return False  # as CheckboxSelectMultiple: "required" on each box would ask for all of them

    def value_omitted_from_data(self, data, files, name):
        return False  # no box ticked sends nothing, which means "none"

    def id_for_label(self, id_, index=None):
        return f"{id_}_{index}" if id_ and index is not None else ""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        invalid = "is-invalid" in str(widget["attrs"].get("class", ""))
        base = widget["attrs"].get("id", "")
        parts = [html('<div id="{}">', base)]
        for group, options, _index in widget["optgroups"]:
            if group:
                parts.append(html("<strong>{}</strong>", group))
            for option in options:
                box = f"{base}_{option['index']}" if base else ""
                attrs = {"id": box or None, "aria-invalid": "true" if invalid else None, "checked": option["selected"]}
                parts.append(
                    html(
                        '<div class="form-check"><input type="checkbox" class="form-check-input{}" name="{}" '
                        'value="{}"{}><label{} class="form-check-label">{}</label></div>',
                        " is-invalid" if invalid else "",
                        widget["name"],
                        str(option["value"]),
                        mark_safe(_attrs(attrs)),
                        html(' for="{}"', box) if box else "",
                        option["label"],
                    )
                )
        parts.append("</div>")
        return mark_safe("".join(str(part) for part in parts))


class SensibleYears:
    """Dates from FIRST_YEAR to LAST_YEAR only (31/12/9999 would break the calendar feed and the pages)."""

    def validate(self, value):
        super().validate(value)
        if value and not sensible_year(value.year):
            raise forms.ValidationError(
                _("Enter a date from the year %(first)s to the year %(last)s."),
                code="out_of_range",
                params={"first": FIRST_YEAR, "last": LAST_YEAR},
            )


class TextLimits:
    """Every text field has a maximum length: the field's own, ``text_limits[name]``, or
    settings.TEXT_LIMIT (a long text of megabytes would take a PDF tens of seconds)."""

    text_limits: dict[str, int] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if isinstance(field, forms.CharField) and field.max_length is None:
                limit = self.text_limits.get(name, settings.TEXT_LIMIT)
                field.max_length = limit
                field.validators.append(
                    MaxLengthValidator(limit, _("At most %(limit_value)d characters (this text has %(show_value)d)."))
                )
                field.widget.attrs.setdefault("maxlength", str(limit))


class DateInput(forms.DateInput):
    """A text field for dd/mm/yyyy dates (the format the whole app uses)."""

    def __init__(self, attrs=None):
        super().__init__(
            attrs={
                "placeholder": _("dd/mm/yyyy"),
                "inputmode": "numeric",
                "pattern": r"\d{1,2}/\d{1,2}/\d{4}",
                "data-date": _("Choose on a calendar"),  # static/js/dates.js adds the calendar button
                **(attrs or {}),
            }
        )


class DateField(SensibleYears, forms.DateField):
    """A date typed as dd/mm/yyyy, with a message that says so."""

    widget = DateInput
    default_error_messages = {"invalid": _("Enter a valid date as dd/mm/yyyy, for example 05/02/2026.")}


class MonthField(SensibleYears, forms.DateField):
    """A month typed as mm/yyyy; the value is its first day."""

    input_formats = ["%m/%Y"]
    default_error_messages = {"invalid": _("Enter the month as mm/yyyy, for example 12/2026.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.DateInput(format="%m/%Y", attrs={"placeholder": _("mm/yyyy")}))
        super().__init__(**kwargs)


MEMBER_FIELDS = [
    "full_name",
    "gender",
    "date_of_birth",
    "unit",
    "job_title",
    "role",
    "admission_date",
    "official_date",
    "party_card_number",
    "education_level",
    "qualification",
    "theory_level",
    "exempt_since",
    "temporary",
    "temporary_from",
    "temporary_until",
    "suspended_since",
    "detained_since",
]
DATE_FIELDS = [
    "date_of_birth",
    "admission_date",
    "official_date",
    "exempt_since",
    "temporary_from",
    "temporary_until",
    "suspended_since",
    "detained_since",
]


class AuditedChangesMixin(TextLimits):
    """``changes()``: field → (old, new) for the audit log; ``unaudited`` fields are left out.
    Its text fields are limited in length (``TextLimits``)."""

    def is_unaudited(self, name: str) -> bool:
        return name == "version"

    def changes(self) -> dict:
        return {
            name: (self._initial_in_words(name), self.cleaned_data.get(name))
            for name in self.changed_data
            if not self.is_unaudited(name)
        }

    def _initial_in_words(self, name: str):
        """A model form's initial choice is a primary key: the log keeps the name it stood for."""
        value, field = self.initial.get(name), self.fields[name]
        if (
            isinstance(field, forms.ModelChoiceField)
            and not isinstance(field, forms.ModelMultipleChoiceField)
            and value not in (None, "")
            and not isinstance(value, models.Model)
        ):
            return field.queryset.filter(pk=value).first() or value
        return value


class MemberForm(forms.ModelForm):
    class Meta:
        model = Member
        fields = MEMBER_FIELDS
        field_classes = dict.fromkeys(DATE_FIELDS, DateField)
        error_messages = {"full_name": {"required": _("Enter the member's full name.")}}

    def __init__(self, *args, cell: Cell, **kwargs):
        super().__init__(*args, **kwargs)
        self.cell = cell
        self.fields["unit"].queryset = Unit.objects.filter(cell=cell)
        self.fields["unit"].empty_label = _("(no unit)")
        self._original = {name: getattr(self.instance, name, None) for name in self._meta.fields}
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(*self.sections())

    def sections(self):
        def pair(*names):
            return Row(*(Column(name, css_class="col-md-6") for name in names))

        return [
            Fieldset(
                _("Personal details"),
                "full_name",
                pair("gender", "date_of_birth"),
                pair("unit", "job_title"),
                pair("education_level", "qualification"),
            ),
            Fieldset(
                _("Party membership"),
                pair("role", "party_card_number"),
                pair("admission_date", "official_date"),
                "theory_level",
            ),
            Fieldset(
                _("Status for meetings and votes"),
                pair("exempt_since", "suspended_since"),
                "temporary",
                pair("temporary_from", "temporary_until"),
                "detained_since",
            ),
        ]

    def clean_full_name(self):
        return " ".join(self.cleaned_data["full_name"].split())

    def clean_date_of_birth(self):
        born = self.cleaned_data["date_of_birth"]
        if born > timezone.localdate():
            raise forms.ValidationError(_("The date of birth cannot be in the future."))
        return born

    def clean_admission_date(self):
        admitted = self.cleaned_data["admission_date"]
        if admitted > timezone.localdate():
            raise forms.ValidationError(_("The admission date cannot be in the future."))
        return admitted

    def clean_party_card_number(self):
        number = self.cleaned_data["party_card_number"].strip()
        if number:
            taken = Member.objects.filter(cell=self.cell, party_card_number=number).exclude(pk=self.instance.pk)
            if taken.exists():
                raise forms.ValidationError(_("Another member of the cell already has this party card number."))
        return number

    def clean(self):
        data = super().clean()
        born, admitted, official = data.get("date_of_birth"), data.get("admission_date"), data.get("official_date")
        if born and admitted and admitted <= born:
            self.add_error("admission_date", _("The admission date must be after the date of birth."))
        if admitted and official and official < admitted:
            self.add_error("official_date", _("The official date cannot be before the admission date."))
        role = data.get("role")
        if role and role != Member.Role.MEMBER and not official:
            self.add_error("role", _("A probationary member cannot hold a committee role."))
        if role == Member.Role.SECRETARY and self.cell_has_other_secretary():
            self.add_error("role", _("The cell already has a secretary. Change that member's role first."))
        temporary = data.get("temporary")
        start, end = data.get("temporary_from"), data.get("temporary_until")
        if temporary and temporary != Member.Temporary.NONE and not start:
            self.add_error("temporary_from", _("Enter the date the temporary membership starts."))
        if start and end and end < start:
            self.add_error("temporary_until", _("The end of the temporary membership cannot be before its start."))
        return data

    def cell_has_other_secretary(self) -> bool:
        other = Member.objects.filter(cell=self.cell, role=Member.Role.SECRETARY, left_on__isnull=True)
        return other.exclude(pk=self.instance.pk).exists()

    def changes(self) -> dict:
        """Field → (old, new) for the audit log, from what the form changed."""
        return {name: (self._original.get(name), self.cleaned_data.get(name)) for name in self.changed_data}


class MemberCreateForm(TextLimits, MemberForm):
    username = forms.CharField(
        label=_("Login name"),
        max_length=150,
        help_text=_("Letters, digits and . _ - only; the member logs in with it."),
    )
    password = forms.CharField(
        label=_("Initial password"),
        strip=False,
        widget=forms.PasswordInput(render_value=True, attrs={"autocomplete": "new-password"}),
        help_text=_("Give it to the member, who changes it after the first login."),
    )

    def sections(self):
        personal, *rest = super().sections()
        login = Fieldset(
            _("Login"), Row(Column("username", css_class="col-md-6"), Column("password", css_class="col-md-6"))
        )
        return [personal, login, *rest]

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        get_user_model().username_validator(username)
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This login name is already taken."))
        return username

    def clean_password(self):
        password = self.cleaned_data["password"]
        password_validation.validate_password(password)
        return password


class LabelChoiceField(forms.Field):
    """A choice written in a sheet by its label (Vietnamese or English, with or without accents) or its stored
    value; empty gives ``default`` (the model's default), or the "required" error when there is none."""

    def __init__(self, *, choices, default="", **kwargs):
        super().__init__(**kwargs)
        self.choices, self.default = list(choices), default

    def names(self) -> dict[str, str]:
        names = {}
        for value, label in self.choices:
            names[plain(value)] = value
            for language in ("vi", "en"):
                with translation.override(language):
                    names[plain(label)] = value
        return names

    def to_python(self, value):
        text = (value or "").strip()
        if not text:
            return self.default
        found = self.names().get(plain(text))
        if found is None:
            raise forms.ValidationError(
                _("Not a value of this column: write one of %(values)s."),
                code="invalid_choice",
                params={"values": ", ".join(f"“{label}”" for _value, label in self.choices)},
            )
        return found


class UnitNameField(forms.Field):
    """A unit of the cell written by its name (case and accents aside); never creates one."""

    def __init__(self, *, units: dict, **kwargs):
        super().__init__(required=False, **kwargs)
        self.units = units  # plain(name) → Unit

    def to_python(self, value):
        text = (value or "").strip()
        if not text:
            return None
        unit = self.units.get(plain(text))
        if unit is None:
            names = sorted(unit.name for unit in self.units.values())
            raise forms.ValidationError(
                _("The cell has no such unit. Write one of %(units)s, or add it under Cell settings first."),
                code="unknown_unit",
                params={"units": ", ".join(f"“{name}”" for name in names) or _("(the cell has no unit yet)")},
            )
        return unit


class MemberImportRowForm(MemberForm):
    """One row of an imported list: the member form's rules, read from the sheet's words and checked against
    the registry loaded once (``members.registry_import.RegistryFacts``), so no row costs a query. What
    crosses rows (a repeated member, card or login name) is checked by ``members.registry_import``."""

    membership = LabelChoiceField(choices=MEMBERSHIP_CHOICES, required=False)
    email = forms.EmailField(
        required=False,
        max_length=254,
        error_messages={"invalid": _("Enter a valid email address, for example nguyen.van.an@example.vn.")},
    )
    username = forms.CharField(required=False, max_length=150)

    class Meta(MemberForm.Meta):
        fields = [name for name in MEMBER_FIELDS if name not in ("suspended_since", "detained_since")]

    def __init__(self, data, *, cell: Cell, facts):
        super().__init__(data, cell=cell)
        self.facts = facts
        self.fields["unit"] = UnitNameField(units=facts.units)
        for name in ("gender", "role", "education_level", "theory_level", "temporary"):
            model_field = Member._meta.get_field(name)
            default = model_field.default if model_field.has_default() else ""
            self.fields[name] = LabelChoiceField(
                choices=model_field.choices, default=default, required=not model_field.has_default()
            )
        self.fields["full_name"].error_messages["required"] = _("Enter the member's full name.")

    def clean_party_card_number(self):
        number = self.cleaned_data["party_card_number"].strip()
        if number and number in self.facts.cards:
            raise forms.ValidationError(_("Another member of the cell already has this party card number."))
        return number

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        if username:
            try:
                get_user_model().username_validator(username)
            except forms.ValidationError:
                raise forms.ValidationError(_("Letters, digits and . _ - only, without spaces.")) from None
            if username.lower() in self.facts.usernames:
                raise forms.ValidationError(_("This login name is already taken."))
        return username

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def cell_has_other_secretary(self) -> bool:
        return self.facts.has_secretary

    def clean(self):
        data = super().clean()
        membership, official = data.get("membership"), data.get("official_date")
        if membership == "official" and not official and "official_date" not in self.errors:
            self.add_error("membership", _("An official member needs the date they became official."))
        if membership == "probationary" and official and official <= timezone.localdate():
            self.add_error(
                "membership",
                _("The official date is filled in: this member is official. Write “%(official)s” or clear the date.")
                % {"official": MEMBERSHIP_CHOICES[0][1]},
            )
        return data

    def _post_clean(self):
        """As a model form, without the database checks of its constraints: the rules above stand for them
        (a query per row otherwise); the database still holds them when the rows are saved."""
        try:
            self.instance = construct_instance(self, self.instance, self._meta.fields, self._meta.exclude)
            # The unit was found among the cell's own (UnitNameField): no query to see that it exists.
            self.instance.clean_fields(exclude=self._get_validation_exclusions() | {"unit"})
        except forms.ValidationError as error:
            self._update_errors(error)


class RegistryUploadForm(forms.Form):
    file = forms.FileField(
        label=_("The filled-in list (.xlsx)"),
        help_text=_("The template's first sheet, one member per row; at most 500 members and 2 MB."),
        error_messages={"required": _("Choose the Excel file to import."), "empty": _("This file is empty.")},
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )


class RegistryConfirmForm(forms.Form):
    """The import's confirmation: nothing is saved unless ``confirm`` is sent with the checked list's batch."""

    confirm = forms.BooleanField(required=True)
    batch = forms.CharField(max_length=64)
    logins = forms.BooleanField(
        label=_("Give each of them a login with an initial password"),
        required=False,
        help_text=_(
            "The passwords are shown once, after the import, for you to hand out; each member changes theirs "
            "after the first login. Without, the members are in the list but cannot log in until you give "
            "each a password from their record (New password)."
        ),
    )


class MemberTransferForm(forms.Form):
    left_on = DateField(label=_("Left the cell on"))
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        help_text=_("For example: transferred to the cell of the Provincial People's Court."),
    )

    def __init__(self, *args, member: Member, **kwargs):
        super().__init__(*args, **kwargs)
        self.member = member

    def clean_left_on(self):
        left_on = self.cleaned_data["left_on"]
        if left_on < self.member.admission_date:
            raise forms.ValidationError(_("The member cannot leave before joining the party."))
        if left_on > timezone.localdate():
            raise forms.ValidationError(_("Record a transfer once it has happened: the date cannot be in the future."))
        return left_on

    def clean_reason(self):
        reason = " ".join(self.cleaned_data["reason"].split())
        if not reason:
            raise forms.ValidationError(_("Enter the reason."))
        return reason


STATUS_CHOICES = [
    ("active", _("Active members")),
    ("official", _("Official")),
    ("probationary", _("Probationary")),
    ("exempt", _("Exempt from party work and meetings")),
    ("hosted", _("Temporary members hosted here")),
    ("away", _("Temporary membership held elsewhere")),
    ("suspended", _("Suspended")),
    ("left", _("Left the cell")),
    ("all", _("All")),
]


class MemberFilterForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), required=False, widget=QuickSelect)
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False, widget=QuickSelect)
    role = forms.ChoiceField(
        label=_("Role"), choices=[("", _("All roles")), *Member.Role.choices], required=False, widget=QuickSelect
    )

    def __init__(self, *args, cell: Cell, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(cell=cell)
        self.fields["unit"].empty_label = _("All units")


class CellForm(forms.ModelForm):
    class Meta:
        model = Cell
        fields = [
            "name",
            "document_code",
            "superior_name",
            "superior_header",
            "place_name",
            "term_label",
            "term_start",
            "meeting_minutes_min",
            "meeting_minutes_min_thematic",
            "professional_share_min",
            "professional_share_max",
            "quality_good_min",
            "quality_fair_min",
            "quality_average_min",
            "task_due_soon_days",
            "task_reminder_days",
            "rating_common_points",
            "rating_task_points",
            "rating_light_deduction",
            "rating_discipline_deduction",
            "committee_required_from",
            "committee_size_min",
            "two_factor_required",
        ]
        field_classes = {"term_start": DateField}
        widgets = {"superior_header": forms.Textarea(attrs={"rows": 3})}

    def clean_superior_header(self):
        """Each line must fit the header's column at 14 pt (HD 36), or the printer would cut it mid-name."""
        lines = [" ".join(line.split()) for line in self.cleaned_data["superior_header"].splitlines() if line.strip()]
        if len(lines) > 3:
            raise forms.ValidationError(_("Write the superior committee's name in at most three lines."))
        for line in lines:
            if text_width_mm(line.upper(), 14) > HEADER_COLUMN_MM:
                raise forms.ValidationError(
                    _(
                        "The line “%(line)s” is too long for the header column (%(width)s mm): break it into "
                        "two lines or use the accepted short form (e.g. KSND)."
                    )
                    % {"line": line, "width": HEADER_COLUMN_MM}
                )
        return "\n".join(lines)

    def clean_document_code(self):
        code = self.cleaned_data["document_code"].strip()
        if not code or any(ch in code for ch in " /-"):
            raise forms.ValidationError(_("Enter a short code without spaces, slashes or hyphens, e.g. CB."))
        return code

    def clean(self):
        data = super().clean()
        low, high = data.get("professional_share_min"), data.get("professional_share_max")
        if low is not None and high is not None and not 0 <= low <= high <= 100:
            self.add_error("professional_share_max", _("Enter shares between 0 and 100, the lowest first."))
        levels = [data.get(name) for name in ["quality_good_min", "quality_fair_min", "quality_average_min"]]
        if None not in levels and not (100 >= levels[0] > levels[1] > levels[2]):
            self.add_error(
                "quality_fair_min", _("The levels must go down: “Good” above “Fair” above “Average”, at most 100.")
            )
        common, tasks = data.get("rating_common_points"), data.get("rating_task_points")
        if common is not None and tasks is not None and common + tasks != 100:
            self.add_error(
                "rating_task_points", _("The common criteria and the task results must add up to 100 points.")
            )
        return data


class UnitForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = ["name", "position"]

    def __init__(self, *args, cell: Cell, **kwargs):
        super().__init__(*args, **kwargs)
        self.cell = cell

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Enter the unit's name."))
        if Unit.objects.filter(cell=self.cell, name__iexact=name).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("The cell already has a unit with this name."))
        return name


class MySettingsForm(forms.Form):
    """A member's own settings: the address mail goes to, and each kind of mail on or off."""

    email = forms.EmailField(
        label=_("Email address"),
        required=False,
        max_length=254,
        help_text=_("Mail from the app goes here. Leave it empty to receive no mail."),
        error_messages={
            "invalid": _("Enter a valid email address, for example nguyen.van.an@example.vn."),
            "max_length": _("An email address has at most 254 characters."),
        },
    )

    def __init__(self, *args, member: Member, kinds: list, turned_off: set[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.kinds = kinds
        self.initial.setdefault("email", member.user.email)
        for kind in kinds:
            self.fields[self.field_name(kind)] = forms.BooleanField(label=kind.label, required=False)
            self.initial.setdefault(self.field_name(kind), kind.value not in turned_off)

    @staticmethod
    def field_name(kind) -> str:
        return f"mail_{kind.value}"

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def turned_off(self) -> set[str]:
        return {kind.value for kind in self.kinds if not self.cleaned_data.get(self.field_name(kind))}
