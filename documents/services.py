"""Numbering documents and saving the format profile."""

from django.db import transaction
from django.db.models import F

from documents.models import DocumentCounter, DocumentFormat, DocumentType
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
