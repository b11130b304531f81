"""The party dues, as the demo secretary keeps them: a month's payment refused then recorded, the remittance to
the superior committee confirmed, the three-months warning, the yearly report downloaded, the next minutes
drafted with the month's figures; a member reads only their own payments on a phone."""

import io

import pytest
from openpyxl import load_workbook

from dues.demo import LATE, NOT_YET, unpaid_months
from dues.models import DuesPayment, DuesRemittance
from dues.selectors import month_figures
from meetings.demo import latest_held_month
from meetings.minutes import reviewed_month
from meetings.models import Meeting
from members.models import Member
from tests.e2e.conftest import assert_accessible, log_in, open_menu, seed_demo

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(settings):
    seed_demo(settings)


def test_the_secretary_keeps_the_month_s_dues_and_the_minutes_report_them(demo, open_page):
    held = Meeting.objects.get(cell__name="Chi bộ 4", month=latest_held_month(), kind="regular")
    month = reviewed_month(held)
    late = Member.objects.get(user__username=NOT_YET)
    before = month_figures(held.cell, month)

    page = open_page()
    log_in(page, "bithu")
    page.get_by_role("heading", name="Việc cần làm").wait_for()
    page.get_by_role("link", name="Ghi việc nộp đảng phí tháng").click()  # the home page's reminder
    remitted_month = page.locator("h1").inner_text()
    page.get_by_role("link", name="Ghi nộp lên cấp trên").click()
    page.get_by_label("Số biên lai").fill("123/PT-ĐU")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("sau khi ghi không sửa được").wait_for()  # the confirmation page
    assert_accessible(page)
    page.get_by_role("button", name="Ghi nộp lên cấp trên").click()
    page.get_by_text("123/PT-ĐU").wait_for()
    assert DuesRemittance.objects.filter(receipt_number="123/PT-ĐU").count() == 1
    assert remitted_month.startswith("Đảng phí tháng")

    open_menu(page, "Chi bộ", "Đảng phí")  # this month's ledger
    page.get_by_role("heading", name="Đảng phí tháng").wait_for()
    page.goto(f"{page.base_url}/dues/cell/{month.year}/{month.month}/")
    assert_accessible(page)
    page.get_by_role("row", name=late.full_name).get_by_role("link", name="Ghi nộp đảng phí").click()
    page.get_by_label("Số tiền (đồng)").fill("-105300")
    page.get_by_label("Ghi chú").fill("Nộp tại buổi sinh hoạt")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Số tiền không được là số âm.").wait_for()
    assert page.get_by_label("Ghi chú").input_value() == "Nộp tại buổi sinh hoạt"  # nothing typed is lost
    assert not DuesPayment.objects.filter(member=late, first_month=month).exists()
    page.get_by_label("Số tiền (đồng)").fill("105.300")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text(f"Đã ghi 105.300 đồng đảng phí tháng {month:%m/%Y} của đồng chí {late.full_name}.").wait_for()
    after = month_figures(held.cell, month)
    assert after.paid == before.paid + 1
    page.get_by_text(f"{after.paid}/{after.liable} đồng chí đã nộp").wait_for()

    # The year: the member with three months unpaid without a reason, and the report.
    year = unpaid_months(latest_held_month())[0].year
    page.goto(f"{page.base_url}/dues/cell/{year}/")
    warned = Member.objects.get(user__username=LATE).full_name
    alert = page.get_by_role("alert")
    assert "đề nghị xóa tên" in alert.inner_text() and warned in alert.inner_text()
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải báo cáo cả năm (Excel)").click()
    assert download.value.suggested_filename == f"dang-phi-{year}.xlsx"
    book = load_workbook(io.BytesIO(open(download.value.path(), "rb").read()))
    rows = {row[0].value: row for row in book.worksheets[0].iter_rows(min_row=4) if row[0].value}
    assert rows[warned][16].value >= 3  # months unpaid

    # The minutes of the meeting that reviews the month, drafted again from the record: the ledger's figures.
    page.goto(f"{page.base_url}/meetings/{held.pk}/minutes/")
    page.get_by_role("link", name="Soạn từ nội dung đã ghi").click()
    page.get_by_role("button", name="Soạn lại biên bản").click()
    text = page.locator("textarea").first.input_value()
    assert f"Tình hình đảng phí: {after.sentence}." in text

    phone = open_page(viewport={"width": 390, "height": 844})
    log_in(phone, "dangvien")
    phone.goto(f"{phone.base_url}/dues/?year={month.year}")
    phone.get_by_role("heading", name=f"Đảng phí của tôi, năm {month.year}").wait_for()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(phone)
    assert late.full_name not in phone.locator("main").inner_text()
    assert phone.get_by_role("cell", name="tiền mặt").count() >= 1
