"""tests/seeded.py puts the demo back from a copy: the copy must be exactly what the command loaded."""

from django.db import transaction

from tests import seeded
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
