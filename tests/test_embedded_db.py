import pytest

from core.embedded_db import embedded_database


def test_it_explains_in_one_line_why_the_embedded_database_cannot_start(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        embedded_database(tmp_path / "missing-parent" / ".pgdata")
    assert exit_info.value.code == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "embedded PostgreSQL could not start" in err and "DATABASE_URL" in err
