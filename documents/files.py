"""Serving a document as a file (PDF or .docx): an approved one from its frozen copy, a draft as it stands."""

from django.http import HttpResponse

from documents.docx import append_docx, html_to_docx
from documents.format import date_line
from documents.pdf import append_pdf, html_to_pdf
from documents.printing import Printable, render_html
from documents.services import document_files, document_freeze

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def document_bytes(printable: Printable, *, ext: str, frozen: bool) -> bytes:
    """The file of ``printable``. ``frozen``: the document is approved, so its frozen copy is served (made
    now if it was approved before copies were kept), followed by one dated page per addendum."""
    if not frozen:
        html = printable.html()
        return html_to_pdf(html) if ext == "pdf" else html_to_docx(html, printable.layout)
    row = document_files(document_freeze(printable=printable))
    content = bytes(row.pdf if ext == "pdf" else row.docx)
    for addendum in printable.addenda:
        html = addendum_html(printable, addendum)
        content = append_pdf(content, html_to_pdf(html)) if ext == "pdf" else append_docx(content, html, row.layout)
    return content


def addendum_html(printable: Printable, addendum) -> str:
    """The page of one addendum: the original's header and number, the addendum's date, its text."""
    context = printable.context
    return render_html(
        "documents/pdf/addendum.html",
        {
            "fmt": context["fmt"],
            "cell": printable.cell,
            "number": context.get("number", ""),
            "date_line": date_line(printable.cell.place_name, addendum.day),
            "draft": False,
            "label": printable.addendum_label,
            "title": printable.title,
            "addendum": addendum,
        },
    )


def document_response(printable: Printable, *, ext: str, frozen: bool) -> HttpResponse:
    response = HttpResponse(document_bytes(printable, ext=ext, frozen=frozen), content_type=CONTENT_TYPES[ext])
    response["Content-Disposition"] = f'attachment; filename="{printable.filename}.{ext}"'
    return response
