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
