"""Rendered pages, kept for the same session until the data changes.

A logged-in member who opens a page again (her tasks, the agenda, the members list) gets the page
rendered the first time, as long as nothing in the database has changed since. "Changed" is one
number, ``members.DataVersion``, which grows after every committed INSERT, UPDATE, DELETE or
TRUNCATE made through Django (``note_writes``, an execute wrapper on every connection), whatever
made it: a service, a bulk update, the admin, a migration, ``flush``. ``manage.py restore`` bumps it
too, since pg_restore writes around Django.

Why the number cannot let a stale page through: a write and its bump are ordered — the bump runs
after the write's transaction has committed — and a request reads the number before it reads any
data. So a page stored under number N was rendered from data at least as new as N, and once a
write has committed, the number has moved past every key that could hold the older page.

The key is the number, today's date (overdue and due-soon marks), the session, the CSRF cookie (the
page's forms carry a token made from it), the language and the full path. Only plain 200 HTML
answers to a GET are kept, and never one that sets a new cookie, changes the session, carries
``no-store``, or while a message waits to be shown. Entries live in each worker's memory
(``CACHES["pages"]``), at most PAGE_CACHE_SECONDS, as a backstop should a bump ever be lost.
"""

import hashlib
import re

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, ProgrammingError, connection, transaction
from django.http import HttpResponse
from django.utils import timezone

VERSION_TABLE = "members_dataversion"
# Tables whose writes do not change what a page shows: sessions (a new session is a new key;
# a deleted one no longer authenticates) and the login-throttling records.
UNTRACKED = frozenset(
    {VERSION_TABLE, "django_session", "axes_accessattempt", "axes_accesslog", "axes_accessfailurelog"}
)
_WRITE = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|(TRUNCATE))\s+(?:TABLE\s+)?"?(\w+)', re.IGNORECASE)
UNDEFINED_TABLE = "42P01"  # PostgreSQL's code for a missing table
_BUMP = (
    f'INSERT INTO "{VERSION_TABLE}" ("id", "number") '
    "VALUES (1, (extract(epoch FROM clock_timestamp()) * 1000000)::bigint) "
    f'ON CONFLICT ("id") DO UPDATE SET "number" = GREATEST("{VERSION_TABLE}"."number" + 1, EXCLUDED."number")'
)


def bump() -> None:
    """Move the number on. It never goes back, even after ``flush`` or a restore (it is at least the
    clock in microseconds), so a number seen before cannot come again with other data."""
    try:
        with connection.cursor() as cursor:
            cursor.execute(_BUMP)
    except ProgrammingError as error:
        if getattr(error.__cause__, "sqlstate", None) != UNDEFINED_TABLE:
            raise  # only a database not yet migrated has no number to move


def note_writes(execute, sql, params, many, context):
    """Execute wrapper: after a statement that writes a tracked table, bump once the transaction
    commits (at once in autocommit). One pending bump per transaction is enough."""
    result = execute(sql, params, many, context)
    match = _WRITE.match(sql)
    if match and (match.group(1) or match.group(2) not in UNTRACKED):  # a TRUNCATE always counts
        db = context["connection"]
        if db.in_atomic_block or db.get_autocommit():  # (no hook under manual transactions: the TTL)
            if not any(func is bump for _sids, func, _robust in db.run_on_commit):
                transaction.on_commit(bump, using=db.alias)
    return result


def install(sender, connection, **kwargs):
    """``connection_created`` receiver: every connection notes its writes. (The app has one
    database, so the bump goes to the default connection.)"""
    if note_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(note_writes)


def current_version() -> int | None:
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT "number" FROM "{VERSION_TABLE}" WHERE "id" = 1')
        row = cursor.fetchone()
    return row[0] if row else None


class PageCacheMiddleware:
    """Serve a page again from memory; placed after the session and language middleware."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.cache = caches["pages"]

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        key = self.key(request) if seconds else None
        if key is None:
            return self.get_response(request)
        kept = self.cache.get(key)
        if kept is not None:
            content, headers = kept
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            return response
        response = self.get_response(request)
        if self.storable(request, response):
            self.cache.set(key, (response.content, list(response.items())), seconds)
        return response

    def key(self, request) -> str | None:
        if request.method != "GET":
            return None
        session = request.session
        try:
            if not session.get("_auth_user_id") or "_messages" in session or request.COOKIES.get("messages"):
                return None
        except DatabaseError:
            # The database is out of reach: no key. The view meets the same error, and the error
            # answer (core.middleware: 503) is given there; a middleware's exception would be a 500.
            return None
        version = getattr(session, "data_version", None)  # read with the session (core.sessions)
        if version is None:
            return None
        parts = (
            str(version),
            timezone.localdate().isoformat(),
            session.session_key,
            request.COOKIES.get(settings.CSRF_COOKIE_NAME, ""),
            getattr(request, "LANGUAGE_CODE", ""),
            request.get_full_path(),
        )
        return "page:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()

    @staticmethod
    def storable(request, response) -> bool:
        return (
            response.status_code == 200
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and all(  # Django sends the CSRF cookie again with every form to renew it: that one may stay
                name == settings.CSRF_COOKIE_NAME and morsel.value == request.COOKIES.get(name)
                for name, morsel in response.cookies.items()
            )
            and "no-store" not in response.get("Cache-Control", "")
            and not request.session.modified
        )
