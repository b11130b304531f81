"""Plain factories for tests: make_*() functions with sensible defaults."""

import itertools
from datetime import date

from django.contrib.auth import get_user_model

from members.models import Cell, Member, Unit

_seq = itertools.count(1)


def make_cell(**overrides) -> Cell:
    n = next(_seq)
    values = {
        "name": f"Chi bộ {n}",
        "document_code": "CB",
        "superior_name": "Đảng bộ Viện kiểm sát nhân dân tỉnh Tuyên Quang",
        "place_name": "Tuyên Quang",
        "term_label": "2025–2027",
        "term_start": date(2025, 6, 20),
    }
    return Cell.objects.create(**{**values, **overrides})


def make_unit(cell: Cell, **overrides) -> Unit:
    return Unit.objects.create(cell=cell, **{"name": f"Phòng {next(_seq)}", **overrides})


def make_member(cell: Cell, *, username: str | None = None, **overrides) -> Member:
    n = next(_seq)
    user = get_user_model().objects.create_user(username=username or f"user{n}", password=None)
    values = {
        "full_name": f"Đảng viên {n}",
        "gender": Member.Gender.MALE,
        "date_of_birth": date(1985, 1, 1),
        "admission_date": date(2010, 5, 19),
        "official_date": date(2011, 5, 19),
        "education_level": Member.Education.BACHELOR,
        "qualification": "Cử nhân Luật",
        "theory_level": Member.Theory.INTERMEDIATE,
        "role": Member.Role.MEMBER,
    }
    return Member.objects.create(cell=cell, user=user, **{**values, **overrides})


def make_meeting(cell: Cell, *, month=None, by=None, **overrides):
    """A regular meeting prepared with the standard agenda (the real service)."""
    from meetings.services import meeting_prepare

    meeting = meeting_prepare(cell=cell, month=month or date(2026, 12, 1), by=by)
    for name, value in overrides.items():
        setattr(meeting, name, value)
    if overrides:
        meeting.save()
    return meeting


def make_document(cell: Cell, **overrides):
    from meetings.models import GuidingDocument

    values = {
        "number": f"{next(_seq)}-CT/TW",
        "issued_on": date(2025, 7, 21),
        "issuer": "Ban Chấp hành Trung ương",
        "title": "Chỉ thị về nâng cao chất lượng sinh hoạt chi bộ",
    }
    return GuidingDocument.objects.create(cell=cell, **{**values, **overrides})
