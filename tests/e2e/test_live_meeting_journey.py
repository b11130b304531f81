"""The minute-taker runs a whole meeting on the live screen, then the minutes are drafted and approved
through their confirmation page; and the key live actions work with JavaScript turned off."""

import pytest

from meetings.demo import latest_held_month
from meetings.models import AgendaItem, Meeting, MeetingRecord, Speech
from meetings.services import month_after
from tests.e2e.conftest import assert_accessible, log_in, seed_demo

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(settings):
    seed_demo(settings)


def test_it_runs_a_meeting_live_from_the_first_item_to_the_vote_and_the_approved_minutes(demo, open_page):
    meeting = Meeting.objects.get(cell__name="Chi bộ 4", month=month_after(latest_held_month()), kind="regular")
    page = open_page(viewport={"width": 1024, "height": 900})
    log_in(page, "bithu")
    page.goto(f"{page.base_url}/meetings/{meeting.pk}/")

    # Publishing asks first, and says what will happen.
    page.get_by_role("link", name="Công bố chương trình").click()
    page.get_by_text("Mọi đảng viên của chi bộ đọc được chương trình").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Công bố chương trình").click()
    page.get_by_text("Đã công bố chương trình: mọi đảng viên").wait_for()
    page.get_by_role("button", name="Bắt đầu ghi biên bản").click()
    page.get_by_role("button", name="Lưu").click()  # everyone present
    page.get_by_role("link", name="Ghi trực tiếp buổi sinh hoạt").click()

    # The live screen: the meeting starts with its first item; htmx swaps the screen, the page stays.
    page.get_by_role("button", name="Bắt đầu buổi sinh hoạt").click()
    page.get_by_text("đang diễn ra", exact=True).wait_for()
    page.evaluate("window.sameScreen = true")
    assert_accessible(page)
    for number in range(2, 7):
        page.get_by_role("button", name="Nội dung tiếp theo").click()
        page.get_by_text(f"Nội dung {number}/").wait_for()
    assert page.locator("#current-title").inner_text().startswith("Thông tin thời sự")

    speech = page.get_by_role("region", name="Ghi ý kiến phát biểu")
    speech.get_by_text("Vũ Thị Hà", exact=True).click()  # tap 1: the speaker
    speech.get_by_label("2. Ý kiến tóm tắt trong một dòng").fill("Đề nghị học tập chuyên đề về chuyển đổi số.")
    speech.get_by_label("2. Ý kiến tóm tắt trong một dòng").press("Enter")  # tap 2
    page.get_by_text("Đã ghi ý kiến của đồng chí Vũ Thị Hà.").wait_for()
    assert page.evaluate("window.sameScreen") is True  # swapped in place, no reload
    silent = page.get_by_role("region", name="Chưa phát biểu")
    assert silent.get_by_text("Vũ Thị Hà").count() == 0
    assert page.evaluate("document.activeElement.id") == "id_live_summary"  # ready for the next opinion

    page.get_by_role("button", name="Chuyển sang: Biểu quyết thông qua nghị quyết").click()
    page.get_by_text("Nội dung 15/").wait_for()  # the swapped screen (the title was in the agenda already)
    vote = page.get_by_role("region", name="Biểu quyết bằng giơ tay")
    vote.get_by_label("Không tán thành").fill("40")  # more than the voters present: refused
    vote.get_by_role("button", name="Ghi biểu quyết").click()
    page.get_by_text("Đã nhập 40 phiếu không tán thành hoặc không biểu quyết").wait_for()
    vote = page.get_by_role("region", name="Biểu quyết bằng giơ tay")
    vote.get_by_label("Không tán thành").fill("0")
    vote.get_by_role("button", name="Ghi biểu quyết").click()
    page.get_by_text("Đã ghi kết quả biểu quyết").wait_for()

    page.get_by_text("Buổi sinh hoạt đã xong").click()  # the end is folded away: no accidental tap
    page.get_by_role("button", name="Kết thúc buổi sinh hoạt ngay").click()
    page.get_by_text("Buổi sinh hoạt đã kết thúc: đã ghi thời gian").wait_for()
    record = MeetingRecord.objects.get(meeting=meeting)
    assert record.opened_at and record.closed_at and record.ended_at and record.votes_for
    ran = AgendaItem.objects.filter(meeting=meeting, actual_minutes__isnull=False).count()
    assert ran == 7 and not AgendaItem.objects.filter(meeting=meeting, started_at__isnull=False).exists()
    assert Speech.objects.filter(item__meeting=meeting, member__full_name="Vũ Thị Hà").count() == 1

    # The minutes: drafted from the record (nothing to overwrite yet), approved through the confirmation.
    page.get_by_role("link", name="Nội dung biên bản").click()
    page.get_by_role("button", name="Soạn từ nội dung đã ghi").click()
    page.get_by_text("Đã soạn biên bản từ nội dung đã ghi").wait_for()
    assert "chuyển đổi số" in page.get_by_label("Biên bản", exact=True).input_value()
    page.get_by_role("link", name="Soạn từ nội dung đã ghi").click()  # now it would overwrite: it asks
    page.get_by_text("Bản soạn mới thay cho bản hiện tại").wait_for()
    page.get_by_role("link", name="Hủy, quay lại").click()
    page.get_by_role("button", name="Lưu").click()
    page.get_by_role("link", name="Thông qua biên bản").click()
    page.get_by_text("Biên bản và nghị quyết được lấy số và khóa vĩnh viễn.").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Thông qua và khóa biên bản").click()
    page.get_by_text("Biên bản và nghị quyết đã được thông qua").wait_for()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.APPROVED


def test_the_key_live_actions_work_without_javascript(demo, browser, live_server):
    meeting = Meeting.objects.get(cell__name="Chi bộ 4", month=latest_held_month(), kind="regular")  # held
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.base_url = live_server.url
    try:
        log_in(page, "bithu")
        page.goto(f"{page.base_url}/meetings/{meeting.pk}/live/")
        page.get_by_role("button", name="Bắt đầu buổi sinh hoạt").click()
        page.get_by_text("đang diễn ra", exact=True).wait_for()
        page.get_by_role("button", name="Nội dung tiếp theo").click()
        assert page.locator("#current-title").inner_text() == "Cử thư ký ghi biên bản"

        speech = page.get_by_role("region", name="Ghi ý kiến phát biểu")
        speech.get_by_role("button", name="Ghi ý kiến").click()  # nothing chosen: said, nothing recorded
        page.get_by_text("Bấm vào tên đồng chí vừa phát biểu.").wait_for()
        speech = page.get_by_role("region", name="Ghi ý kiến phát biểu")
        speech.get_by_label("2. Ý kiến tóm tắt trong một dòng").fill("Nhất trí cử đồng chí Lan làm thư ký.")
        speech.get_by_text("Trần Thị Bình", exact=True).click()
        speech.get_by_role("button", name="Ghi ý kiến").click()
        page.get_by_text("Đã ghi ý kiến của đồng chí Trần Thị Bình.").wait_for()
        assert page.url.endswith(f"/meetings/{meeting.pk}/live/")

        vote = page.get_by_role("region", name="Biểu quyết bằng giơ tay")
        vote.get_by_label("Không biểu quyết").fill("1")
        vote.get_by_role("button", name="Ghi biểu quyết").click()
        page.get_by_text("Đã ghi kết quả biểu quyết").wait_for()

        page.get_by_text("Buổi sinh hoạt đã xong").click()  # <details> opens without JavaScript
        page.get_by_role("button", name="Kết thúc buổi sinh hoạt ngay").click()
        page.get_by_text("Buổi sinh hoạt đã kết thúc: đã ghi thời gian").wait_for()
        record = MeetingRecord.objects.get(meeting=meeting)
        assert record.ended_at is not None and record.votes_abstain == 1
        assert Speech.objects.filter(item__meeting=meeting, summary__startswith="Nhất trí cử").count() == 1
    finally:
        context.close()
