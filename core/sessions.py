"""Database sessions whose load also reads the data version (``core.pagecache``), so that a page
served again from memory costs a single query: the session and the version in one round trip."""

from django.contrib.sessions.backends import db
from django.db import connection
from django.utils import timezone

from core.pagecache import VERSION_TABLE

_LOAD = (
    f'SELECT "v"."number", "s"."session_data" FROM (SELECT 1) AS "one" '
    f'LEFT JOIN "{VERSION_TABLE}" AS "v" ON "v"."id" = 1 '
    'LEFT JOIN "django_session" AS "s" ON "s"."session_key" = %s AND "s"."expire_date" > %s'
)


class SessionStore(db.SessionStore):
    data_version: int | None = None  # set by load(); None before, or when the table has no row yet

    def load(self):
        with connection.cursor() as cursor:
            cursor.execute(_LOAD, [self.session_key or "", timezone.now()])
            self.data_version, data = cursor.fetchone()
        if data is None:
            self._session_key = None
            return {}
        return self.decode(data)
