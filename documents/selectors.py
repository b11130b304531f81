"""Reads of the documents app: which documents are frozen, and their hashes for the pages that offer them."""

from django.db.models import Q

from documents.models import FrozenDocument
from members.models import Cell


def is_frozen(cell: Cell, kind: str, object_id: int) -> bool:
    return FrozenDocument.objects.filter(cell=cell, kind=kind, object_id=object_id).exists()


def frozen_copies(cell: Cell, pairs: list[tuple[str, int]]) -> dict[str, FrozenDocument]:
    """The frozen copies of the given (kind, object id) pairs, by kind, without their bytes: one query."""
    if not pairs:
        return {}
    match = Q()
    for kind, object_id in pairs:
        match |= Q(kind=kind, object_id=object_id)
    rows = FrozenDocument.objects.filter(match, cell=cell).only(
        "kind", "object_id", "frozen_at", "html_sha256", "pdf_sha256", "docx_sha256"
    )
    return {row.kind: row for row in rows}
