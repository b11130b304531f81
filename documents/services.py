"""Numbering documents, saving the format profile, and freezing approved documents."""

import hashlib

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from documents.docx import html_to_docx
from documents.models import DocumentCounter, DocumentFormat, DocumentType, FrozenDocument
from documents.pdf import html_to_pdf
from documents.printing import Printable
from members.models import AuditEntry, Cell
from members.services import audit_record


@transaction.atomic
def document_number_take(*, cell: Cell, doc_type: str) -> int:
    """The next number of ``doc_type`` in the cell's current committee term (QĐ 399: from 01 per term)."""
    counter, _created = DocumentCounter.objects.select_for_update().get_or_create(
        cell=cell, term_label=cell.term_label, doc_type=doc_type
    )
    number = counter.next_number
    DocumentCounter.objects.filter(pk=counter.pk).update(next_number=F("next_number") + 1)
    return number


def document_counters(cell: Cell) -> dict[str, int]:
    """The next number of each document type in the current term."""
    stored = dict(
        DocumentCounter.objects.filter(cell=cell, term_label=cell.term_label).values_list("doc_type", "next_number")
    )
    return {code: stored.get(code, 1) for code in DocumentType.values}


@transaction.atomic
def document_format_update(*, profile: DocumentFormat, counters: dict[str, int], changes: dict, by) -> None:
    """Save the format profile and set where each counter of the current term starts."""
    profile.save()
    cell = profile.cell
    before = document_counters(cell)
    for code, next_number in counters.items():
        DocumentCounter.objects.update_or_create(
            cell=cell, term_label=cell.term_label, doc_type=code, defaults={"next_number": next_number}
        )
        if before[code] != next_number:
            changes[f"{code} next number"] = (before[code], next_number)
    if changes:
        audit_record(actor=by, cell=cell, instance=profile, action=AuditEntry.Action.UPDATE, changes=changes)


def document_freeze(*, printable: Printable) -> FrozenDocument:
    """Keep the print HTML of an approved document as it is now; once: later calls return the first copy.
    Cheap (no PDF is made here), so the services that approve call it inside their transaction."""
    key = {"cell": printable.cell, "kind": printable.kind, "object_id": printable.object_id}
    if existing := FrozenDocument.objects.filter(**key).first():
        return existing
    html = printable.html()
    try:
        with transaction.atomic():
            return FrozenDocument.objects.create(
                **key,
                html=html,
                html_sha256=hashlib.sha256(html.encode()).hexdigest(),
                layout=printable.layout,
                frozen_at=timezone.now(),
            )
    except IntegrityError:  # another request froze it at the same moment: theirs is the copy
        return FrozenDocument.objects.get(**key)


def document_files(frozen: FrozenDocument) -> FrozenDocument:
    """The PDF and the .docx of a frozen document, made from its HTML the first time they are asked for
    and stored for good (the database refuses to change them afterwards)."""
    if frozen.pdf is not None and frozen.docx is not None:
        return frozen
    pdf = bytes(frozen.pdf) if frozen.pdf is not None else html_to_pdf(frozen.html)
    word = bytes(frozen.docx) if frozen.docx is not None else html_to_docx(frozen.html, frozen.layout)
    FrozenDocument.objects.filter(pk=frozen.pk, pdf__isnull=True).update(
        pdf=pdf, pdf_sha256=hashlib.sha256(pdf).hexdigest()
    )
    FrozenDocument.objects.filter(pk=frozen.pk, docx__isnull=True).update(
        docx=word, docx_sha256=hashlib.sha256(word).hexdigest()
    )
    return FrozenDocument.objects.get(pk=frozen.pk)  # a request at the same moment may have stored its own


def document_files_make(*, cell, pairs: list[tuple[str, int]]) -> None:
    """Make the PDF and .docx of frozen documents now (right after an approval, in the request that approved),
    so that their SHA-256 shows on the page at once; the first download would make them otherwise."""
    for kind, object_id in pairs:
        if frozen := FrozenDocument.objects.filter(cell=cell, kind=kind, object_id=object_id).first():
            document_files(frozen)
