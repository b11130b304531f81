from django import forms
from django.utils.translation import gettext_lazy as _

from documents.models import DocumentFormat, DocumentType
from members.forms import AuditedChangesMixin

FORMAT_GROUPS = [
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


class DocumentFormatForm(AuditedChangesMixin, forms.ModelForm):
    """The format profile plus where each document counter of the current term stands."""

    class Meta:
        model = DocumentFormat
        fields = ["source", *(name for _label, names in FORMAT_GROUPS for name in names)]

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

    def groups(self):
        """The fields in labelled groups, for a compact page; the counters come last."""
        groups = [(label, [self[name] for name in names]) for label, names in FORMAT_GROUPS]
        return [(_("Source"), [self["source"]]), *groups, (_("Numbering"), [self[f"next_{c}"] for c in DocumentType])]

    def counters(self) -> dict[str, int]:
        return {code: self.cleaned_data[f"next_{code}"] for code in DocumentType.values}

    def is_unaudited(self, name: str) -> bool:
        return name.startswith("next_")  # the counters are logged by the service
