"""CI cannot go green by skipping: the browser journeys fail in CI without a browser, and .ci/run
sets CI and fails when the PostgreSQL of its DATABASE_URL leg does not answer."""

from pathlib import Path

from django.conf import settings

from tests.e2e.conftest import without_browser

CI_RUN = Path(settings.BASE_DIR) / ".ci" / "run"


def test_the_journeys_fail_in_ci_without_a_browser_and_skip_elsewhere(tmp_path):
    missing = str(tmp_path / "no-chromium")
    assert without_browser(missing, {"CI": "true"})[0] == "fail"
    assert without_browser(missing, {})[0] == "skip"
    present = tmp_path / "chromium"
    present.write_text("")
    assert without_browser(str(present), {"CI": "true"}) is None


def test_ci_exports_ci_and_needs_the_database_url_server():
    script = CI_RUN.read_text()
    assert "\nexport CI=true\n" in script
    assert "NOT RUN" not in script
    leg = script[script.index("3/3") :]
    assert "exit 1" in leg and "DATABASE_URL=postgres://postgres@127.0.0.1:5432/chibo_ci make test" in leg
