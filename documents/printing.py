"""The print HTML every document is made from: the PDF (``documents.pdf``) and the .docx (``documents.docx``)
both start from it, so they say the same thing."""

from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import translation

from documents.models import DocumentFormat

LAYOUT_FIELDS = [
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
]


def render_html(template: str, context: dict) -> str:
    """``template`` (which extends ``documents/pdf/_base.html``) in Vietnamese."""
    with translation.override("vi"):
        return render_to_string(template, context)


def layout_of(fmt: DocumentFormat) -> dict:
    """The numbers of the format profile the .docx needs (the HTML carries them in its CSS)."""
    return {name: getattr(fmt, name) for name in LAYOUT_FIELDS}


@dataclass
class Printable:
    """One document ready to print: which template, with what context; ``filename`` has no extension.
    ``kind`` and ``object_id`` name it among the frozen documents (``documents.FrozenDocument``)."""

    kind: str
    object_id: int
    template: str
    context: dict
    filename: str
    title: str = ""  # what the document is, for the page of an addendum: "Biên bản sinh hoạt chi bộ …"
    addenda: list = field(default_factory=list)  # Addendum: (day, text) added after approval
    addendum_label: str = "ĐÍNH CHÍNH"

    @property
    def cell(self):
        return self.context["cell"]

    @property
    def layout(self) -> dict:
        return layout_of(self.context["fmt"])

    def html(self) -> str:
        return render_html(self.template, self.context)


@dataclass
class Addendum:
    day: object  # a date
    text: str


def hide_related(instance, name: str) -> list:
    """The rows of ``instance.<name>`` (prefetched or not), then hidden from the templates: the print
    template of an approved document shows the original only, its addenda follow on pages of their own.
    It sets ``instance``'s prefetch cache: pass an instance of one's own (a copy), not one the caller uses."""
    if not instance.pk:
        return []
    rows = list(getattr(instance, name).all())
    empty = getattr(instance, name).none()
    empty._result_cache = []
    instance._prefetched_objects_cache = {**getattr(instance, "_prefetched_objects_cache", {}), name: empty}
    return rows
