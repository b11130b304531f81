import io

import pytest
from pypdf import PdfReader

from meetings.demo import latest_held_month
from meetings.models import Meeting
from meetings.services import month_after
from tests.e2e.conftest import assert_accessible, log_in, seed_demo

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(settings):
    seed_demo(settings)


def test_it_takes_the_secretary_from_prepare_to_publish_and_the_member_reads_it(demo, open_page):
    draft_month = month_after(latest_held_month())  # the demo prepared it already
    free = month_after(draft_month)
    page = open_page()
    log_in(page, "bithu")
    page.goto(f"{page.base_url}/meetings/")
    page.get_by_label("Tháng").fill(f"{free:%m/%Y}")
    page.get_by_role("button", name="Chuẩn bị theo chương trình chuẩn").click()  # submission 1
    page.get_by_text("Đã chuẩn bị buổi sinh hoạt").wait_for()
    meeting = Meeting.objects.get(cell__name="Chi bộ 4", month=free)
    assert meeting.items.count() >= 15  # the standard order is already there
    assert_accessible(page)

    page.get_by_role("link", name="Thêm nội dung", exact=True).click()  # the item has a page of its own
    add = page.get_by_role("main")
    add.get_by_label("Tên, trích yếu").fill("Quán triệt Chỉ thị 50-CT/TW về sinh hoạt chi bộ")
    add.get_by_label("Loại nội dung").select_option("party")
    add.get_by_label("Thời gian dự kiến (phút)").fill("700")  # a mistake first
    add.get_by_role("button", name="Thêm nội dung").click()
    page.get_by_text("Mỗi nội dung tối đa 600 phút.").wait_for()
    assert add.get_by_label("Tên, trích yếu").input_value().startswith("Quán triệt")  # nothing lost
    add.get_by_label("Thời gian dự kiến (phút)").fill("15")
    add.get_by_role("button", name="Thêm nội dung").click()  # submission 2
    page.get_by_text("Quán triệt Chỉ thị 50-CT/TW về sinh hoạt chi bộ", exact=True).wait_for()

    def order():
        return list(meeting.items.values_list("title", flat=True))

    added = order()  # the new item closes its section; its up and down buttons share one form
    title = "Quán triệt Chỉ thị 50-CT/TW về sinh hoạt chi bộ"
    at = added.index(title)
    with page.expect_response(lambda response: response.url.endswith("/up/")):
        page.get_by_role("button", name=f"Chuyển lên: {title}").click()  # submission 2b
    page.wait_for_load_state()
    assert order() == [*added[: at - 1], title, added[at - 1], *added[at + 1 :]]
    with page.expect_response(lambda response: response.url.endswith("/down/")):
        page.get_by_role("button", name=f"Chuyển xuống: {title}").click()  # submission 2c
    page.wait_for_load_state()
    assert order() == added

    page.get_by_role("link", name="Công bố chương trình").click()  # it asks first, saying what will happen
    page.get_by_text("Mọi đảng viên của chi bộ đọc được chương trình").wait_for()
    page.get_by_role("button", name="Công bố chương trình").click()  # submission 3
    page.get_by_text("Đã công bố chương trình: mọi đảng viên").wait_for()
    with page.expect_download() as download:
        page.get_by_role("link", name="Chương trình (PDF)").click()
    assert download.value.suggested_filename == f"chuong-trinh-sinh-hoat-{free:%Y-%m}.pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(open(download.value.path(), "rb").read())).pages)
    assert "CHƯƠNG TRÌNH" in text and "Quán triệt Chỉ thị 50-CT/TW" in text and "DỰ THẢO" not in text

    reader = open_page()
    log_in(reader, "dangvien")
    reader.goto(f"{reader.base_url}/meetings/?year={free.year}")
    reader.get_by_role("link", name=f"{free:%m/%Y}").first.click()
    reader.get_by_text("Quán triệt Chỉ thị 50-CT/TW về sinh hoạt chi bộ").wait_for()
    assert reader.get_by_role("link", name="Công bố chương trình").count() == 0
    draft = Meeting.objects.get(cell__name="Chi bộ 4", month=draft_month)
    assert reader.goto(f"{reader.base_url}/meetings/{draft.pk}/").status == 404  # the draft stays hidden


def _pdf_text(download) -> str:
    with open(download.value.path(), "rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_it_takes_the_secretary_from_attendance_to_approved_minutes_and_the_member_reads_them(demo, open_page):
    meeting = Meeting.objects.get(cell__name="Chi bộ 4", month=latest_held_month(), kind="regular")  # minutes: draft
    reader = open_page()
    log_in(reader, "dangvien")
    assert reader.goto(f"{reader.base_url}/meetings/{meeting.pk}/minutes.pdf").status == 404  # never a draft

    page = open_page()
    log_in(page, "bithu")
    page.goto(f"{page.base_url}/meetings/{meeting.pk}/record/")
    page.get_by_role("link", name="Điểm danh", exact=True).click()
    page.get_by_label("Vũ Thị Hà", exact=True).select_option(label="Đến muộn")
    page.get_by_label("Lý do: Vũ Thị Hà").fill("Họp cơ quan đến 14 giờ 20")
    page.get_by_label("Kết thúc lúc").fill("13:00")  # before the opening: refused, nothing lost
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Giờ kết thúc phải sau giờ bắt đầu.").wait_for()
    assert_accessible(page)  # the attendance sheet, with its error announced
    assert page.get_by_label("Lý do: Vũ Thị Hà").input_value() == "Họp cơ quan đến 14 giờ 20"
    page.get_by_label("Kết thúc lúc").fill("16:30")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Vũ Thị Hà").first.wait_for()

    assert_accessible(page)
    silent = page.get_by_role("region", name="Chưa phát biểu")
    assert silent.get_by_text("Vũ Thị Hà").count() == 1  # the chair sees whom to invite
    speech = page.get_by_role("region", name="Ghi ý kiến phát biểu")
    speech.get_by_label("Về nội dung").select_option(label="Thảo luận, tự phê bình và phê bình")
    speech.get_by_label("Người phát biểu").select_option(label="Vũ Thị Hà")
    speech.get_by_label("Tóm tắt ý kiến").fill("Đề nghị chi bộ tổ chức học tập chuyên đề về chuyển đổi số.")
    speech.get_by_role("button", name="Ghi ý kiến").click()
    page.get_by_text("Đề nghị chi bộ tổ chức học tập chuyên đề về chuyển đổi số.").wait_for()
    assert silent.get_by_text("Vũ Thị Hà").count() == 0

    page.get_by_role("link", name="Nghị quyết và biểu quyết").click()
    page.get_by_label("Tán thành", exact=True).fill("12")  # more votes than members present who may vote
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Đã nhập 12 phiếu").wait_for()
    page.get_by_label("Tán thành", exact=True).fill("8")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Đã lưu nghị quyết.").wait_for()
    assert_accessible(page)
    assert "Tán thành 8, không tán thành 0, không biểu quyết 0, trên 8 đảng viên được tính." in page.content()

    page.get_by_role("link", name="Nội dung biên bản").click()
    page.get_by_role("link", name="Soạn từ nội dung đã ghi").click()  # it would replace the demo's text: it asks
    page.get_by_role("button", name="Soạn lại biên bản").click()
    page.get_by_text("Đã soạn biên bản từ nội dung đã ghi").wait_for()
    assert "chuyển đổi số" in page.get_by_label("Biên bản", exact=True).input_value()
    page.get_by_role("button", name="Lưu").click()
    page.get_by_role("link", name="Thông qua biên bản").click()
    page.get_by_role("button", name="Thông qua và khóa biên bản").click()
    page.get_by_text("Biên bản và nghị quyết đã được thông qua").wait_for()
    assert page.get_by_role("link", name="Điểm danh", exact=True).count() == 0  # locked: no more editing

    with page.expect_download() as minutes:
        page.get_by_role("link", name="Biên bản (PDF)").click()
    text = _pdf_text(minutes)
    assert "BIÊN BẢN" in text and "-BB/" in text and "DỰ THẢO" not in text
    assert "Vũ Thị Hà" in text and "chuyển đổi số" in text and "THƯ KÝ" in text and "CHỦ TRÌ" in text
    with page.expect_download() as resolution:
        page.get_by_role("link", name="Nghị quyết (PDF)").click()
    text = _pdf_text(resolution)
    assert "NGHỊ QUYẾT" in text and "-NQ/" in text and "DỰ THẢO" not in text and "Nơi nhận" in text

    page.goto(f"{page.base_url}/meetings/{meeting.pk}/attendance/")  # a locked page opened by its address
    page.get_by_text("đã được thông qua và khóa").wait_for()

    reader.goto(f"{reader.base_url}/meetings/{meeting.pk}/record/")
    with reader.expect_download() as read:
        reader.get_by_role("link", name="Biên bản (PDF)").click()
    assert "chuyển đổi số" in _pdf_text(read)
