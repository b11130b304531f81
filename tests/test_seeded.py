"""tests/seeded.py puts rows back from a copy: the copy must be exactly what was built."""

from datetime import date
from types import SimpleNamespace

import pytest
from django.db import transaction

from meetings.models import Meeting
from members.models import Member
from tests import seeded
from tests.factories import make_cell, make_member, make_recorded_meeting, make_unit
from tests.test_security import _table_fingerprints


def test_a_demo_put_back_from_its_copy_is_the_demo_the_command_loaded(settings, db, monkeypatch):
    settings.DEBUG = True
    monkeypatch.setattr(seeded, "_copies", {})
    with transaction.atomic():
        seeded.seed_demo()  # the real command, copied
        loaded = _table_fingerprints()
        transaction.set_rollback(True)
    assert seeded._empty(seeded._data_tables())
    with transaction.atomic():
        seeded.seed_demo()  # from the copy
        assert _table_fingerprints() == loaded
        assert loaded["meetings_meeting"][1] > 10 and loaded["chibo_searchentry"][1] > 10
        transaction.set_rollback(True)
    assert len(seeded._copies) == 1


def _replayed(request, builders: dict):
    replay = seeded.Replay.start(request)
    values = {name: replay.get(name, build) for name, build in builders.items()}
    replay.test_starts()
    return values, _table_fingerprints()


def test_fixtures_put_back_for_the_next_test_are_the_rows_and_objects_the_first_built(db, monkeypatch):
    monkeypatch.setattr(seeded.Replay, "_kept", {})
    request = SimpleNamespace(node=SimpleNamespace(module=SimpleNamespace(__name__="m"), originalname="test"))
    made = {}
    builders = {
        "cell": lambda: made.setdefault("cell", make_cell(name="Chi bộ 4")),
        "secretary": lambda: made.setdefault("secretary", make_member(made["cell"], role=Member.Role.SECRETARY)),
        "approved": lambda: make_recorded_meeting(
            made["cell"], month=date(2026, 9, 1), by=made["secretary"].user, approve=True
        ),
    }
    with transaction.atomic():
        first, built = _replayed(request, builders)
        transaction.set_rollback(True)
    assert seeded.Replay._kept and seeded._empty(seeded._data_tables())
    with transaction.atomic():
        again, put_back = _replayed(request, {name: lambda: pytest.fail("built again") for name in builders})
        assert put_back == built  # approved minutes too: their guards let the copy in
        assert {name: value.pk for name, value in again.items()} == {name: v.pk for name, v in first.items()}
        assert again["approved"] is not first["approved"] and again["approved"].status == Meeting.Status.APPROVED
        make_member(again["cell"])  # new rows get new ids
        transaction.set_rollback(True)


def test_nothing_is_kept_when_another_fixture_wrote_rows_between(db, monkeypatch):
    monkeypatch.setattr(seeded.Replay, "_kept", {})
    request = SimpleNamespace(node=SimpleNamespace(module=SimpleNamespace(__name__="m"), originalname="test"))
    replay = seeded.Replay.start(request)
    cell = replay.get("cell", lambda: make_cell(name="Chi bộ 4"))
    make_unit(cell)  # not one of the kept fixtures
    replay.get("secretary", lambda: make_member(cell, username="secretary"))
    replay.test_starts()
    assert not seeded.Replay._kept
