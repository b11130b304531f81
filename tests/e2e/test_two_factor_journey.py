"""Two-step login in the browser: a secretary sets up the authenticator app, logs out, logs in with a
code, then with a recovery code; the pages hold on a phone. CHIBO_SHOTS=<folder> keeps screenshots."""

import os
from base64 import b32decode
from pathlib import Path

import pytest
from django_otp.oath import totp

from members.models import Member
from tests.e2e.conftest import assert_accessible, log_in
from tests.e2e.conftest import log_out as menu_log_out
from tests.factories import make_cell, make_member

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "mat-khau-hai-buoc-2026"
PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1366, "height": 900}


@pytest.fixture
def people():
    cell = make_cell(name="Chi bộ Kiểm sát hình sự")  # two-step login on: the default
    found = {}
    for username, role, name in [
        ("bithu-hs", Member.Role.SECRETARY, "Nguyễn Văn An"),
        ("chiuy-hs", Member.Role.COMMITTEE, "Lê Văn Cường"),
    ]:
        person = make_member(cell, username=username, role=role, full_name=name)
        person.user.set_password(PASSWORD)
        person.user.save()
        found[username] = person
    return found


def shot(page, name):
    if os.environ.get("CHIBO_SHOTS"):
        Path(os.environ["CHIBO_SHOTS"]).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(os.environ["CHIBO_SHOTS"]) / f"{name}.png"), full_page=True)


def code_for(key: str, drift: int = 0) -> str:
    """What the authenticator app shows for the key typed from the page (``drift`` steps of 30 s later)."""
    return f"{totp(b32decode(key.replace(' ', '')), drift=drift):06d}"


def log_out(page):
    menu_log_out(page)
    page.get_by_role("heading", name="Đăng nhập").wait_for()


def test_it_sets_up_the_app_then_logs_in_with_a_code_and_with_a_recovery_code(people, open_page):
    page = open_page(viewport=WIDE)
    log_in(page, "bithu-hs", PASSWORD)
    page.get_by_role("heading", name="Thiết lập đăng nhập hai bước").wait_for()  # before any other page
    assert page.get_by_role("img", name="Mã QR chứa khóa cho ứng dụng xác thực").is_visible()
    assert_accessible(page)
    shot(page, "setup-1366")
    key = page.locator("code.secret-key").inner_text()
    page.get_by_label("Mã 6 chữ số ứng dụng đang hiện").fill(code_for(key))
    page.get_by_role("button", name="Xác nhận ứng dụng").click()
    page.get_by_role("heading", name="Mã dự phòng của đồng chí").wait_for()
    codes = page.locator("ol.recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    assert_accessible(page)
    shot(page, "codes-1366")
    page.get_by_role("link", name="Đã lưu các mã: tiếp tục").click()
    page.get_by_role("heading", name="Việc cần làm").wait_for()

    log_out(page)
    log_in(page, "bithu-hs", PASSWORD)
    page.get_by_role("heading", name="Nhập mã xác thực").wait_for()
    assert_accessible(page)
    shot(page, "code-1366")
    page.goto(f"{page.base_url}/members/")  # nothing else opens before the code
    page.get_by_role("heading", name="Nhập mã xác thực").wait_for()
    page.get_by_label("Mã 6 chữ số, hoặc một mã dự phòng").fill(code_for(key, drift=1))  # the next 30 s: unused
    page.get_by_role("button", name="Xác nhận").click()
    page.get_by_role("heading", name="Danh sách đảng viên").wait_for()  # back where it was going

    log_out(page)
    log_in(page, "bithu-hs", PASSWORD)
    page.get_by_label("Mã 6 chữ số, hoặc một mã dự phòng").fill(codes[0])
    page.get_by_role("button", name="Xác nhận").click()
    page.get_by_role("heading", name="Việc cần làm").wait_for()
    page.get_by_text("còn lại 9 mã").wait_for()

    log_out(page)
    log_in(page, "bithu-hs", PASSWORD)
    page.get_by_label("Mã 6 chữ số, hoặc một mã dự phòng").fill(codes[0])  # used already
    page.get_by_role("button", name="Xác nhận").click()
    page.get_by_text("Mã không đúng, hoặc mã dự phòng này đã được dùng.").wait_for()
    shot(page, "code-error-1366")


def test_it_holds_on_a_phone(people, open_page):
    page = open_page(viewport=PHONE)
    log_in(page, "chiuy-hs", PASSWORD)
    page.get_by_role("heading", name="Thiết lập đăng nhập hai bước").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
    shot(page, "setup-390")
    key = page.locator("code.secret-key").inner_text()
    page.get_by_label("Mã 6 chữ số ứng dụng đang hiện").fill(code_for(key))
    page.get_by_role("button", name="Xác nhận ứng dụng").click()
    page.get_by_role("heading", name="Mã dự phòng của đồng chí").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "codes-390")
    page.get_by_role("link", name="Đã lưu các mã: tiếp tục").click()
    page.get_by_role("heading", name="Việc cần làm").wait_for()
    log_out(page)
    log_in(page, "chiuy-hs", PASSWORD)
    page.get_by_role("heading", name="Nhập mã xác thực").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "code-390")
