"""Each role's home page "Việc cần làm" leads to its next step (issue 16, items 1 and 7): click the line,
land on the page where it is done. The grouped menu fits one line at 1366 and 1024 px, opens, marks the
current page, and folds behind an aligned button on a 390 px phone. CHIBO_SHOTS=<folder> keeps screenshots."""

import os
from pathlib import Path

import pytest
from django.utils import timezone

from meetings.models import Meeting
from meetings.services import meeting_publish
from tests.e2e.conftest import assert_accessible, log_in, open_menu, seed_demo

pytestmark = pytest.mark.django_db(transaction=True)
WIDE = {"width": 1366, "height": 900}
LAPTOP = {"width": 1024, "height": 768}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def demo(settings):
    seed_demo(settings)


def shot(page, name):
    if os.environ.get("CHIBO_SHOTS"):
        Path(os.environ["CHIBO_SHOTS"]).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(os.environ["CHIBO_SHOTS"]) / f"{name}.png"), full_page=True)


def _one_line_menu(page):
    """The top bar does not wrap: every group sits on the brand's line."""
    brand = page.locator(".navbar-brand").bounding_box()
    for toggle in page.locator("#main-nav .nav-link").all():
        box = toggle.bounding_box()
        assert abs((box["y"] + box["height"] / 2) - (brand["y"] + brand["height"] / 2)) < 8, toggle.inner_text()
    assert page.locator("nav.navbar").bounding_box()["height"] < 70


def test_the_secretary_goes_from_home_to_the_preparation_step_and_the_menus(demo, open_page):
    draft = Meeting.objects.get(cell__name="Chi bộ 4", status="draft", kind="regular")
    page = open_page(viewport=WIDE)
    log_in(page, "bithu")
    page.get_by_role("heading", name="Việc cần làm").wait_for()
    assert page.locator('nav a[aria-current="page"]').inner_text() == "Việc cần làm"
    _one_line_menu(page)
    assert_accessible(page)
    shot(page, "home-bithu-1366")
    for group in ("Sinh hoạt", "Công việc", "Đánh giá", "Chi bộ"):
        page.get_by_role("button", name=group, exact=True).click()
        menu = page.locator(".dropdown-menu.show")
        assert menu.is_visible() and menu.get_by_role("link").count() >= 1
        shot(page, f"menu-{group}-1366")
    page.keyboard.press("Escape")

    page.get_by_role("link", name="Chi ủy thống nhất nội dung").click()  # the step's line …
    field = page.get_by_label("Ngày chi ủy thống nhất nội dung")
    field.wait_for()  # … lands on its field of the meeting's form
    assert page.url.endswith(f"/meetings/{draft.pk}/edit/#id_content_agreed_on")
    field.fill(timezone.localdate().strftime("%d/%m/%Y"))
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Đã lưu thông tin cuộc họp.").wait_for()
    open_menu(page, "Sinh hoạt", "Sinh hoạt chi bộ")
    assert page.locator('nav a[aria-current="page"]').inner_text() == "Sinh hoạt chi bộ"
    assert page.locator('nav a[aria-current="true"]').inner_text() == "Sinh hoạt"  # the group is marked too
    page.get_by_role("link", name="Việc cần làm").click()
    done = page.locator(".home-done", has_text="Chi ủy thống nhất nội dung")
    assert timezone.localdate().strftime("%d/%m/%Y") in done.inner_text()  # done, with its date

    page.set_viewport_size(LAPTOP)
    _one_line_menu(page)
    shot(page, "home-bithu-1024")
    page.get_by_role("button", name="Đánh giá", exact=True).click()
    shot(page, "menu-review-1024")


def test_the_committee_member_goes_from_home_to_the_sheet_and_the_findings(demo, open_page):
    page = open_page(viewport=WIDE)
    log_in(page, "chiuy")
    page.get_by_role("heading", name="Việc cần làm").wait_for()
    assert page.get_by_text("Nhiệm vụ quá hạn của chi bộ").count() == 0  # the secretary's list
    assert_accessible(page)
    shot(page, "home-chiuy-1366")
    page.get_by_role("link", name="Kết quả giám sát đồng chí").first.click()
    page.get_by_label("Ưu điểm").wait_for()  # the findings form
    page.go_back()
    page.locator(".home-line a", has_text="Điền và gửi phiếu nhận xét").first.click()
    page.get_by_role("heading", name="Chi ủy nhận xét đảng viên tháng").wait_for()
    page.get_by_role("button", name="Lưu và gửi bí thư").wait_for()  # where the sheet is filled and sent
    page.set_viewport_size(LAPTOP)
    page.goto(page.base_url + "/")
    shot(page, "home-chiuy-1024")


def test_the_member_on_a_phone_goes_from_home_to_the_task_and_the_agenda(demo, open_page):
    draft = Meeting.objects.get(cell__name="Chi bộ 4", status="draft", kind="regular")
    page = open_page(viewport=PHONE)
    log_in(page, "dangvien")
    page.get_by_role("heading", name="Việc cần làm").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    brand = page.locator(".navbar-brand").bounding_box()
    toggler = page.get_by_role("button", name="Mở trình đơn").bounding_box()
    assert abs((brand["y"] + brand["height"] / 2) - (toggler["y"] + toggler["height"] / 2)) < 6  # aligned
    assert toggler["x"] + toggler["width"] > 390 - 24  # at the right edge
    assert page.get_by_text("Chưa có buổi sinh hoạt nào được thông báo.").is_visible()  # a draft is not shown
    assert page.get_by_text("Nhận xét đảng viên").count() == 0 and page.get_by_text("quá hạn của chi bộ").count() == 0
    assert_accessible(page)
    shot(page, "home-dangvien-390")
    page.get_by_role("button", name="Mở trình đơn").click()
    page.get_by_role("button", name="Sinh hoạt", exact=True).click()
    shot(page, "menu-open-390")

    first = page.locator(".home-line a").first
    title = first.locator("span").first.inner_text()
    first.click()
    page.get_by_role("button", name="Gửi báo cáo").wait_for()  # the task's page, where progress is reported
    assert title in page.locator("h1").inner_text()

    meeting_publish(meeting=draft, by=draft.chair.user)
    page.goto(page.base_url + "/")
    page.get_by_role("heading", name="Chương trình đã công bố").wait_for()
    shot(page, "home-dangvien-published-390")
    page.get_by_role("link", name=str(draft)).click()
    page.get_by_role("heading", name=str(draft)).wait_for()
    page.set_viewport_size(WIDE)
    page.goto(page.base_url + "/")
    shot(page, "home-dangvien-1366")
