"""Data many tests build the same way, built once per worker and copied back after that.

- ``seed_demo()``, for tests that use the demo year as their data (not those that test the command itself).
  Loading the year through the services takes some 20 seconds. The first test of a worker that needs the
  demo on a given day runs the real command; its rows are then copied out (PostgreSQL ``COPY``) and the
  next test that needs the same demo gets them copied back in, well under a second.
- ``Replay``, for the personas and their ``world`` (tests/conftest.py), some two hundred rows written
  through the services for each of several hundred tests: the first test of a test function (the same
  fixtures, asked for in the same order) builds them, the next ones get the same rows copied back and a
  fresh copy of the same Python objects.

A copy is put back only where building again would have produced exactly those rows:

- into a database with no data in it (what the copied build started from; otherwise it is built);
- on the same day (``timezone.localdate()``), and at the same moment when the test fixes the clock;
- for the demo, in the same kind of transaction: inside a test's transaction that never commits, the
  mails and the search updates that wait for a commit never happen; in a transactional test (the browser
  journeys) they do, so those tests share another copy, and the mails the load sent are sent again;
- for the personas' world, only when no other fixture wrote rows between theirs.

Content types are the one thing a transactional test's ``flush`` recreates under new ids: the copied rows
that name one (the audit log) are pointed at the same model's id of the moment.
"""

import copy

import pgtrigger
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from core import pagecache

# Rows that migrate writes and ``flush`` recreates, not data: never copied, never required empty.
# The dues rates of Quy định 01-QĐ/TW are written by a data migration (dues 0002) in the same way.
NOT_DATA = {"django_migrations", "django_content_type", "auth_permission", pagecache.VERSION_TABLE, "dues_duesrate"}
_REAL_NOW = timezone.now
_copies: dict[tuple, "Copy"] = {}
_sequences: dict[str, list[tuple[str, str]]] = {}


class Copy:
    def __init__(self, tables: dict[str, bytes], content_types: dict[int, tuple[str, str]], mails: list):
        self.tables, self.content_types, self.mails = tables, content_types, mails


def seed_demo() -> None:
    """``call_command("seed_demo")`` (its output dropped), from a copy when one fits."""
    key = (*_clock(), _in_test_transaction())
    tables = _data_tables()
    if not _empty(tables):
        call_command("seed_demo", stdout=open("/dev/null", "w"))
        return
    found = _copies.get(key)
    if found is None:
        sent = len(getattr(mail, "outbox", []))
        call_command("seed_demo", stdout=open("/dev/null", "w"))
        _copies[key] = _take(tables, getattr(mail, "outbox", [])[sent:])
    else:
        _put_back(found)


class Replay:
    """The fixtures around ``world`` for one test. ``get(name, build)`` builds a fixture's value and notes it
    (the first test of its test function on this worker), or gives back a fresh copy of the value noted
    (the next ones: the rows were put back when the first of the fixtures was asked for)."""

    _kept: dict[tuple, tuple[Copy, dict]] = {}

    def __init__(self, key: tuple, tables: list[str]):
        self.key, self.tables = key, tables
        self.kept = self._kept.get(key)
        self.values, self.frozen = {}, {}
        self.clean, self.started = True, False
        if self.kept is not None:
            _put_back(self.kept[0])
            self.values = copy.deepcopy(self.kept[1])
        else:
            self.counts = _counts(tables)

    @classmethod
    def start(cls, request) -> "Replay | None":
        """For a test that asks for ``world``, before any other of the fixtures; ``None`` if rows are there."""
        tables = _data_tables()
        if not _empty(tables):
            return None
        return cls((request.node.module.__name__, request.node.originalname, *_clock()), tables)

    def get(self, name: str, build, freeze=None, thaw=None):
        """``freeze`` turns the value into what can be copied (a client into its cookies), ``thaw`` back."""
        if self.started:  # asked for in the test's body (request.getfixturevalue): as always
            return build()
        if self.kept is not None:
            value = self.values[name]
            return thaw(value) if thaw else value
        if _counts(self.tables) != self.counts:
            self.clean = False  # another fixture wrote rows between these ones: nothing to keep
        value = build()
        self.values[name], self.frozen[name] = value, freeze
        self.counts = _counts(self.tables)
        return value

    def test_starts(self) -> None:
        """Before the test's body: the first time, keep the rows and the values as they are now."""
        if self.started:
            return
        self.started = True
        if self.kept is None and self.clean and _counts(self.tables) == self.counts:
            values = {name: (self.frozen[name] or (lambda v: v))(value) for name, value in self.values.items()}
            self._kept[self.key] = (_take(self.tables, []), copy.deepcopy(values))


def _clock() -> tuple:
    return timezone.localdate(), timezone.now() if timezone.now is not _REAL_NOW else None


def _in_test_transaction() -> bool:
    return connection.in_atomic_block


def _data_tables() -> list[str]:
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    return sorted(set(tables) - NOT_DATA)


def _empty(tables: list[str]) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + " OR ".join(f'EXISTS (SELECT 1 FROM "{table}")' for table in tables))
        return not cursor.fetchone()[0]


def _counts(tables: list[str]) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT ARRAY[" + ", ".join(f'(SELECT count(*) FROM "{table}")' for table in tables) + "]")
        return cursor.fetchone()[0]


def _take(tables: list[str], mails: list) -> Copy:
    rows = {}
    with connection.cursor() as cursor:
        for table in tables:
            with cursor.copy(f'COPY "{table}" TO STDOUT') as out:
                data = b"".join(bytes(chunk) for chunk in out)
            if data:
                rows[table] = data
        cursor.execute("SELECT id, app_label, model FROM django_content_type")
        content_types = {pk: (app_label, model) for pk, app_label, model in cursor.fetchall()}
    return Copy(rows, content_types, copy.deepcopy(mails))


def _put_back(found: Copy) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        # The database's own guards (pgtrigger: approved minutes are frozen…) refuse rows written under an
        # approved record; the rows here are the ones those guards let the real build write.
        cursor.execute("SELECT set_config('pgtrigger.ignore', %s, true)", ["{" + ",".join(_trigger_ids()) + "}"])
        for table, data in found.tables.items():
            with cursor.copy(f'COPY "{table}" FROM STDIN') as into:
                into.write(data)
        _repoint_content_types(cursor, found)
        _move_sequences_past(cursor, found.tables)
        connection.check_constraints()  # every foreign key of the copied rows holds
        cursor.execute("SELECT set_config('pgtrigger.ignore', '{}', true)")
        transaction.on_commit(pagecache.bump)  # as after the real build's writes
    if hasattr(mail, "outbox") and not _in_test_transaction():
        mail.outbox.extend(copy.deepcopy(found.mails))


def _trigger_ids() -> list[str]:
    return sorted(trigger.get_pgid(model) for model, trigger in pgtrigger.registered())


def _repoint_content_types(cursor, found: Copy) -> None:
    now = {(ct.app_label, ct.model): ct.pk for ct in ContentType.objects.all()}
    moved = [(old, now[natural]) for old, natural in found.content_types.items() if now.get(natural, old) != old]
    if not moved:
        return
    values = ", ".join(f"({old}, {new})" for old, new in moved)
    for model in apps.get_models(include_auto_created=True):
        table = model._meta.db_table
        for field in model._meta.concrete_fields:
            if table in found.tables and field.is_relation and field.related_model is ContentType:
                cursor.execute(
                    f'UPDATE "{table}" SET "{field.column}" = moved.new FROM (VALUES {values}) AS moved(old, new) '
                    f'WHERE "{table}"."{field.column}" = moved.old'
                )


def _move_sequences_past(cursor, tables: dict[str, bytes]) -> None:
    """Each copied table's id sequence past its highest id (never back: ids are not given twice)."""
    moves = []
    for table in tables:
        if table not in _sequences:
            found = connection.introspection.get_sequences(cursor, table)
            _sequences[table] = [(sequence["name"], sequence["column"]) for sequence in found]
        for name, column in _sequences[table]:
            highest = f'GREATEST((SELECT max("{column}") FROM "{table}"), (SELECT last_value FROM "{name}"))'
            moves.append(f"setval('\"{name}\"', {highest})")
    if moves:
        cursor.execute("SELECT " + ", ".join(moves))
