"""Browser tests: Playwright for Python driving the system Chromium (/usr/bin/chromium).

No browser is ever downloaded. Without Chromium the tests are skipped with one line that
says how to enable them — except in CI (CI=true), where a missing browser is a failure.
Screenshots of failing tests land in test-artifacts/.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.core.cache import caches

from members.models import CommitteeOfficer, Member
from tests import seeded

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
HOW_TO = "browser tests skipped: install Chromium (Debian: apt-get install chromium) or set CHROMIUM=/path/to/it"


def without_browser(chromium: str, environ) -> tuple[str, str] | None:
    """What to do when no browser can run: ("fail", why) in CI, ("skip", how to enable) elsewhere."""
    if Path(chromium).exists():
        return None
    if environ.get("CI"):
        return "fail", f"CI must run the browser tests, but no Chromium at {chromium}"
    return "skip", HOW_TO


@pytest.fixture(scope="session")
def browser():
    missing = without_browser(CHROMIUM, os.environ)
    if missing:
        action, why = missing
        (pytest.fail if action == "fail" else pytest.skip)(why)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in the test thread; the ORM calls the tests
    # make around it are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        yield browser
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture(autouse=True)
def page_cache(settings):
    """On, as in production: the journeys write and read back through real commits."""
    settings.PAGE_CACHE_SECONDS = 300
    caches["pages"].clear()


@pytest.fixture
def open_page(browser, live_server, request):
    """open_page(viewport=...) → a fresh page; console CSP violations fail the test."""
    contexts, violations = [], []

    def make(viewport=None):
        context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900}, locale="vi-VN")
        contexts.append(context)
        page = context.new_page()
        page.on(
            "console",
            lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None,
        )
        page.base_url = live_server.url
        return page

    yield make
    failed = getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed
    for index, context in enumerate(contexts):
        if failed:
            ARTIFACTS.mkdir(exist_ok=True)
            for n, page in enumerate(context.pages):
                page.screenshot(path=str(ARTIFACTS / f"{request.node.name}-{index}-{n}.png"), full_page=True)
        context.close()
    assert not violations, f"Content-Security-Policy violations: {violations}"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


def seed_demo(settings):
    """The demo year, served as in production (DEBUG off). Its people are the journeys' test data: they log in
    with the demo password, so they are no longer marked as demo logins, which production refuses."""
    settings.DEBUG = True
    seeded.seed_demo()
    settings.DEBUG = False
    Member.objects.update(is_demo=False)
    CommitteeOfficer.objects.update(is_demo=False)


def log_in(page, username, password="chibo-demo"):
    page.goto(f"{page.base_url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


def assert_accessible(page):
    """axe-core (shipped by axe-playwright-python) over the page: no violation of impact serious or critical."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not bad, [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in bad]


def open_menu(page, group: str, item: str):
    """Follow the menu: open the phone menu when it is folded, then the group's dropdown, then its item."""
    toggler = page.get_by_role("button", name="Mở trình đơn")
    if toggler.is_visible():
        toggler.click()
    menu = page.locator("nav.navbar")
    menu.get_by_role("button", name=group, exact=True).click()
    menu.get_by_role("link", name=item, exact=True).click()


def log_out(page):
    """Log out from the account menu (the last dropdown of the top bar)."""
    toggler = page.get_by_role("button", name="Mở trình đơn")
    if toggler.is_visible():
        toggler.click()
    page.locator("nav .navbar-nav .dropdown-toggle").last.click()
    page.get_by_role("button", name="Đăng xuất").click()
