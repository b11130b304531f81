from django import forms
from django.utils.translation import gettext_lazy as _

from core.textwidth import text_width_mm
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

    def clean(self):
        """Refuse a profile that cannot make a page: the header must fit between the margins, and the body
        must keep room for text. Nothing is saved; the form shows what was typed."""
        data = super().clean()
        sizes = ["margin_top_mm", "margin_bottom_mm", "margin_left_mm", "margin_right_mm", "body_pt", "party_name_pt"]
        if any(data.get(name) is None for name in sizes):
            return data
        profile = self.instance
        width = profile.page_width_mm - data["margin_left_mm"] - data["margin_right_mm"]
        height = profile.page_height_mm - data["margin_top_mm"] - data["margin_bottom_mm"]
        party = text_width_mm(data.get("party_name") or profile.party_name, data["party_name_pt"], bold=True)
        needed = profile.header_left_mm + party + 5
        if width < needed:
            self.add_error(
                "margin_left_mm",
                _(
                    "With these margins the text is %(width)s mm wide, but the header needs at least %(needed)s mm "
                    "(the superior committee's column and “%(party)s”): make the left and right margins smaller."
                )
                % {"width": width, "needed": round(needed), "party": data.get("party_name") or profile.party_name},
            )
        if height < 150:
            self.add_error(
                "margin_top_mm",
                _(
                    "With these margins the page keeps only %(height)s mm for text: make the top and bottom "
                    "margins smaller."
                )
                % {"height": height},
            )
        cell = getattr(profile, "cell", None)
        if cell is not None:
            for line in cell.superior_header_lines:
                if text_width_mm(line.upper(), data["body_pt"]) > profile.header_left_mm:
                    self.add_error(
                        "body_pt",
                        _(
                            "At %(pt)s pt the header line “%(line)s” no longer fits its column (%(col)s mm): choose a "
                            "smaller size or shorten the line in the cell's settings."
                        )
                        % {"pt": data["body_pt"], "line": line, "col": profile.header_left_mm},
                    )
                    break
        return data

    def groups(self):
        """The fields in labelled groups, for a compact page; the counters come last."""
        groups = [(label, [self[name] for name in names]) for label, names in FORMAT_GROUPS]
        return [(_("Source"), [self["source"]]), *groups, (_("Numbering"), [self[f"next_{c}"] for c in DocumentType])]

    def counters(self) -> dict[str, int]:
        return {code: self.cleaned_data[f"next_{code}"] for code in DocumentType.values}

    def is_unaudited(self, name: str) -> bool:
        return name.startswith("next_")  # the counters are logged by the service


class AddendumForm(forms.Form):
    """A correction to an approved document (minutes, a supervision plan): a new, dated text under it, never a
    change to it. No maxlength in the browser: it would cut a pasted text silently, and a correction is kept for
    good; the limit is checked here, and a text over it comes back whole with the reason."""

    text = forms.CharField(
        label=_("Correction"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        help_text=_("At most 4,000 characters."),
        error_messages={"max_length": _("A correction holds at most 4,000 characters; this one has %(show_value)s.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].widget.attrs.pop("maxlength", None)
