"""Rows the database itself keeps as they were approved: PostgreSQL triggers, declared on the models
(``Meta.triggers``, django-pgtrigger) and installed by migrations.

The services refuse a change to an approved record and log the attempt; these triggers are the
backstop beneath them. They fire for every way a row can be written (an ORM ``save``, a queryset
``update`` or ``delete``, raw SQL, the admin, a cascade), before the write, and fail the statement
with a message that starts with ``chibo:``, as SQLSTATE 23001 (``restrict_violation``), which Django
raises as ``django.db.IntegrityError``.

What they do not cover, on purpose: ``TRUNCATE`` (``flush`` and the test suite empty tables with it,
and row triggers do not fire on it), and loading a backup (``pg_restore`` loads the data before it
creates the triggers). Whoever owns the database can still drop a trigger, or skip one with
``skipping`` below: they guard against every path of the application, not against its administrator.
"""

import contextlib

import pgtrigger
from django.db import connection, transaction


@contextlib.contextmanager
def skipping(*uris: str):
    """Let the named triggers (``"app.Model:name"``) pass the writes made inside, as ``pgtrigger.ignore``
    does. pgtrigger's own puts its setting before every statement, two commands in one, which PostgreSQL
    refuses from a prepared statement (the app binds its parameters on the server, chibo/settings.py); here
    the setting is made once, for a transaction of its own (a savepoint inside another one)."""
    ignored = "{" + ",".join(sorted(trigger.get_pgid(model) for model, trigger in pgtrigger.registered(*uris))) + "}"
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT set_config('pgtrigger.ignore', %s, true)", [ignored])
        yield
        cursor.execute("SELECT set_config('pgtrigger.ignore', '{}', true)")


def _quote(message: str) -> str:
    return "'" + message.replace("'", "''") + "'"


class _Refusal(pgtrigger.Trigger):
    when = pgtrigger.Before
    level = pgtrigger.Row

    def __init__(self, *, name: str, message: str, frozen: str, fields=None, changed=None, operation=None):
        """``frozen``: an SQL condition on a row, written with ``{row}`` for it (``OLD`` or ``NEW``).
        ``fields``: the model fields an UPDATE may not change; ``changed``: an SQL condition on ``OLD``
        and ``NEW`` that also counts as a change. With neither, every UPDATE of a frozen row is refused."""
        self.message, self.frozen, self.fields, self.changed = message, frozen, fields, changed
        super().__init__(name=name, operation=operation or self.operation)

    def _changed(self, model) -> str:
        tests = []
        if self.fields:
            columns = [model._meta.get_field(name).column for name in self.fields]
            old = ", ".join(f'OLD."{column}"' for column in columns)
            new = ", ".join(f'NEW."{column}"' for column in columns)
            tests.append(f"ROW({old}) IS DISTINCT FROM ROW({new})")
        if self.changed:
            tests.append(f"({self.changed})")
        return " OR ".join(tests)

    def _raise(self) -> str:
        return f"RAISE EXCEPTION USING ERRCODE = 'restrict_violation', MESSAGE = {_quote(self.message)};"


class FrozenRow(_Refusal):
    """A row frozen by its own columns (``status = 'approved'``): once frozen, an UPDATE that changes
    what is fixed, and a DELETE, are refused. The write that freezes it (draft → approved) goes through."""

    operation = pgtrigger.Update | pgtrigger.Delete

    def get_func(self, model):
        old = self.frozen.format(row="OLD")
        changed = self._changed(model)
        update = f"({old}) AND ({changed})" if changed else old
        return self.format_sql(f"""
            IF TG_OP = 'DELETE' THEN
                IF {old} THEN {self._raise()} END IF;
                RETURN OLD;
            END IF;
            IF {update} THEN {self._raise()} END IF;
            RETURN NEW;
        """)


class FrozenChild(_Refusal):
    """A row that belongs to a frozen parent (an attendance mark of approved minutes): no row is added
    under a frozen parent, and none is changed, moved in or out, or deleted."""

    operation = pgtrigger.Insert | pgtrigger.Update | pgtrigger.Delete

    def get_func(self, model):
        old, new = self.frozen.format(row="OLD"), self.frozen.format(row="NEW")
        changed = self._changed(model)
        update = f"({changed}) AND (({old}) OR ({new}))" if changed else f"({old}) OR ({new})"
        return self.format_sql(f"""
            IF TG_OP = 'INSERT' THEN
                IF {new} THEN {self._raise()} END IF;
                RETURN NEW;
            ELSIF TG_OP = 'DELETE' THEN
                IF {old} THEN {self._raise()} END IF;
                RETURN OLD;
            END IF;
            IF {update} THEN {self._raise()} END IF;
            RETURN NEW;
        """)
