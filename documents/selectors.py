"""Reads of the documents app: which documents are frozen, and their hashes for the pages that offer them."""

from functools import lru_cache

from core.prepared import Prepared
from documents.models import FrozenDocument
from members.models import Cell


def is_frozen(cell: Cell, kind: str, object_id: int) -> bool:
    return FrozenDocument.objects.filter(cell=cell, kind=kind, object_id=object_id).exists()


def frozen_copies(cell: Cell, object_id: int, kinds: list[str]) -> dict[str, FrozenDocument]:
    """The frozen copies of one object (the meeting, the plan, the year) among ``kinds``, by kind, without their
    bytes: one query."""
    if not kinds:
        return {}
    return {row.kind: row for row in _copies(tuple(sorted(kinds)))(cell=cell.pk, object_id=object_id)}


@lru_cache(maxsize=16)  # one lookup per set of kinds a page asks for (three in all), compiled once per worker
def _copies(kinds: tuple[str, ...]) -> Prepared:
    return Prepared(
        lambda cell, object_id: (
            FrozenDocument.objects.filter(cell_id=cell, object_id=object_id, kind__in=kinds)
            .only("kind", "object_id", "frozen_at", "html_sha256", "pdf_sha256", "docx_sha256")
            .order_by()
        ),
        cell=-7_500_001,
        object_id=2_100_000_001,  # a positive field (core.prepared)
    )
