"""Forms of the live screen and of the confirmation pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from meetings.models import AgendaItem, Meeting
from members.models import Member


class LiveSpeechForm(forms.Form):
    """Two taps: the speaker's button, then the short line (or the line first, then the button)."""

    item = forms.ModelChoiceField(queryset=AgendaItem.objects.none(), widget=forms.HiddenInput)
    member = forms.ModelChoiceField(label=_("Speaker"), queryset=Member.objects.none(), widget=forms.RadioSelect)
    summary = forms.CharField(label=_("Opinion, in short"), max_length=1000)

    def __init__(self, *args, meeting: Meeting, present: list[Member], **kwargs):
        super().__init__(*args, **kwargs)
        self.present = {m.pk for m in present}
        self.fields["item"].queryset = meeting.items.all()
        self.fields["item"].error_messages["invalid_choice"] = _("Choose an item of this meeting's agenda.")
        self.fields["item"].error_messages["required"] = _("Start an item of the agenda first.")
        field = self.fields["member"]
        field.queryset = Member.objects.filter(cell=meeting.cell)
        field.choices = [(m.pk, m.full_name) for m in present]  # the buttons: members present, no query
        field.error_messages["invalid_choice"] = _("Choose a member of this cell.")
        field.error_messages["required"] = _("Tap the name of the member who spoke.")
        self.fields["summary"].error_messages["required"] = _("Write a short summary of the opinion.")

    def clean_member(self):
        member = self.cleaned_data["member"]
        if member.pk not in self.present:
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


class LiveVoteForm(forms.Form):
    """The show of hands in one step: every voter present is for, but those counted here."""

    against = forms.IntegerField(label=_("Against"), min_value=0, max_value=999, required=False, initial=0)
    abstain = forms.IntegerField(label=_("Abstaining"), min_value=0, max_value=999, required=False, initial=0)

    def __init__(self, *args, voters_present: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.voters_present = voters_present
        for name in ("against", "abstain"):
            self.fields[name].error_messages["min_value"] = _("A number of votes cannot be negative.")
            self.fields[name].error_messages["max_value"] = _("Enter a number of votes.")
            self.fields[name].error_messages["invalid"] = _("Enter a number of votes.")

    def clean(self):
        data = super().clean()
        against, abstain = data.get("against") or 0, data.get("abstain") or 0
        if against + abstain > self.voters_present:
            raise forms.ValidationError(
                _(
                    "%(total)s votes against or abstaining were entered, but only %(present)s members present may "
                    "vote. Check the vote and the attendance."
                )
                % {"total": against + abstain, "present": self.voters_present}
            )
        data["against"], data["abstain"] = against, abstain
        return data


class ConfirmForm(forms.Form):
    """A confirmation page's form: nothing happens unless ``confirm`` is sent."""

    confirm = forms.BooleanField(required=True)
