import io

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from meetings.models import Meeting
from tests.e2e.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    settings.DEBUG = False


def test_it_takes_the_secretary_from_prepare_to_publish_and_the_member_reads_it(demo, open_page):
    page = open_page()
    log_in(page, "bithu")
    page.goto(f"{page.base_url}/meetings/")
    page.get_by_label("Tháng").fill("01/2027")
    page.get_by_role("button", name="Chuẩn bị theo chương trình chuẩn").click()  # submission 1
    page.get_by_text("Đã chuẩn bị buổi sinh hoạt").wait_for()
    meeting = Meeting.objects.get(cell__name="Chi bộ 4", month__year=2027, month__month=1)
    assert meeting.items.count() >= 15  # the standard order is already there

    add = page.get_by_role("region", name="Thêm nội dung")
    add.get_by_label("Tên, trích yếu").fill("Quán triệt Chỉ thị 50-CT/TW về sinh hoạt chi bộ")
    add.get_by_label("Loại nội dung").select_option("party")
    add.get_by_label("Thời gian dự kiến (phút)").fill("700")  # a mistake first
    add.get_by_role("button", name="Thêm nội dung").click()
    page.get_by_text("Mỗi nội dung tối đa 600 phút.").wait_for()
    assert add.get_by_label("Tên, trích yếu").input_value().startswith("Quán triệt")  # nothing lost
    add.get_by_label("Thời gian dự kiến (phút)").fill("15")
    add.get_by_role("button", name="Thêm nội dung").click()  # submission 2
    page.get_by_text("Quán triệt Chỉ thị 50-CT/TW về sinh hoạt chi bộ").wait_for()

    page.get_by_role("button", name="Công bố chương trình").click()  # submission 3
    page.get_by_text("Đã công bố chương trình: mọi đảng viên").wait_for()
    with page.expect_download() as download:
        page.get_by_role("link", name="Chương trình (PDF)").click()
    assert download.value.suggested_filename == "chuong-trinh-sinh-hoat-2027-01.pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(open(download.value.path(), "rb").read())).pages)
    assert "CHƯƠNG TRÌNH" in text and "Quán triệt Chỉ thị 50-CT/TW" in text and "DỰ THẢO" not in text

    reader = open_page()
    log_in(reader, "dangvien")
    reader.goto(f"{reader.base_url}/meetings/?year=2027")
    reader.get_by_role("link", name="01/2027").first.click()
    reader.get_by_text("Quán triệt Chỉ thị 50-CT/TW về sinh hoạt chi bộ").wait_for()
    assert reader.get_by_role("button", name="Công bố chương trình").count() == 0
    draft = Meeting.objects.get(cell__name="Chi bộ 4", month__year=2026, month__month=12)
    assert reader.goto(f"{reader.base_url}/meetings/{draft.pk}/").status == 404  # the draft stays hidden
