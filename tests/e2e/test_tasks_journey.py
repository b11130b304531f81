from datetime import timedelta

import pytest
from icalendar import Calendar

from assignments.models import Task
from meetings.demo import latest_held_month
from meetings.models import Meeting
from tests.e2e.conftest import assert_accessible, log_in, seed_demo

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(settings):
    seed_demo(settings)


def test_it_lets_the_secretary_assign_at_the_meeting_and_the_member_report_on_a_phone(demo, open_page):
    meeting = Meeting.objects.get(cell__name="Chi bộ 4", month=latest_held_month(), kind="regular")
    page = open_page()
    log_in(page, "bithu")
    page.goto(f"{page.base_url}{meeting.get_absolute_url()}")
    page.get_by_role("link", name="Giao nhiệm vụ").click()
    assert_accessible(page)
    rows = page.locator("fieldset")
    assert rows.nth(0).get_by_label("Nhiệm vụ").input_value() != ""  # the resolution's points, prefilled
    empty = rows.nth(3)
    empty.get_by_label("Nhiệm vụ").fill("Chuẩn bị tham luận về chuyển đổi số")
    picker = empty.get_by_role("combobox", name="Người thực hiện")  # a searchable picker (static/js/picker.js)
    for name in ["Phạm Thị Dung", "Vũ Thị Hà"]:
        picker.fill(name.split()[-1])
        page.locator(".ts-dropdown .option:visible", has_text=name).click()
    page.keyboard.press("Escape")
    empty.get_by_label("Thời hạn").fill("01/01/2020")  # before the meeting: refused, nothing lost
    page.get_by_role("button", name="Giao nhiệm vụ").click()
    page.get_by_text("Thời hạn không được trước ngày giao nhiệm vụ.").wait_for()
    assert page.locator("fieldset").nth(3).get_by_label("Nhiệm vụ").input_value().startswith("Chuẩn bị tham luận")
    page.locator("fieldset").nth(3).get_by_label("Thời hạn").fill(f"{meeting.date + timedelta(days=45):%d/%m/%Y}")
    page.get_by_role("button", name="Giao nhiệm vụ").click()
    page.get_by_text("Đã giao 5 nhiệm vụ.").wait_for()  # three points and one task shared by two members
    shared = Task.objects.filter(title="Chuẩn bị tham luận về chuyển đổi số")
    assert shared.count() == 2 and len({task.group for task in shared}) == 1

    phone = open_page(viewport={"width": 390, "height": 844})
    log_in(phone, "dangvien")
    phone.get_by_role("heading", name="Việc cần làm").wait_for()  # where a member lands
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(phone)
    assert phone.get_by_text("Quá hạn").first.is_visible()
    phone.get_by_role("link", name="Hoàn thiện hồ sơ kiểm sát vụ án").click()
    phone.get_by_label("Tiến độ (%)").fill("120")
    phone.get_by_label("Ghi chú").fill("Đã nhận kết quả giám định")
    phone.get_by_role("button", name="Gửi báo cáo").click()
    phone.get_by_text("Tiến độ tối đa là 100%.").wait_for()
    assert phone.get_by_label("Ghi chú").input_value() == "Đã nhận kết quả giám định"
    phone.get_by_label("Tiến độ (%)").fill("90")
    phone.get_by_role("button", name="Gửi báo cáo").click()
    phone.get_by_text("Đã ghi nhận tiến độ.").wait_for()
    assert_accessible(phone)
    task = Task.objects.get(title__startswith="Hoàn thiện hồ sơ kiểm sát vụ án")
    assert task.progress == 90 and task.reports.first().note == "Đã nhận kết quả giám định"

    phone.goto(f"{phone.base_url}/tasks/")
    phone.get_by_role("link", name="Lịch đăng ký").click()
    phone.get_by_role("button", name="Tạo địa chỉ lịch").click()
    address = phone.get_by_label("Địa chỉ lịch của đồng chí").input_value()
    feed = phone.request.get(address)
    calendar = Calendar.from_ical(feed.body())
    summaries = [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]
    assert "Hạn nhiệm vụ: Chuẩn bị tham luận về chuyển đổi số" in summaries
    assert any(summary.startswith("Sinh hoạt chi bộ") for summary in summaries)
