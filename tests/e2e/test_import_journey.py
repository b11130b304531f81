"""The demo secretary starts the cell's list from an Excel sheet: a 30-member sheet with two mistakes is
refused whole with the mistakes shown by row and column; corrected, it is imported after confirmation."""

import io
from datetime import datetime

import pytest
from openpyxl import load_workbook

from members.models import AuditEntry, Member
from members.registry_xlsx import BY_KEY, COLUMNS
from tests.e2e.conftest import assert_accessible, log_in, open_menu, seed_demo

pytestmark = pytest.mark.django_db(transaction=True)

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng"]
MIDDLE = ["Văn", "Thị", "Minh", "Quốc", "Thu", "Đức"]
GIVEN = ["Tâm", "Hải", "Nga", "Phương", "Thắng", "Loan", "Kiên", "Mai", "Nghĩa", "Oanh", "Quý", "Tuyết", "Vĩnh"]
UNITS = ["Phòng Kiểm sát điều tra", "Văn phòng", "Phòng Thực hành quyền công tố và kiểm sát xét xử hình sự"]


def rows(count=30) -> list[dict]:
    people = []
    for i in range(count):
        people.append(
            {
                "number": i + 1,
                "full_name": f"{FAMILY[i % 10]} {MIDDLE[i % 6]} {GIVEN[i % 13]}",
                "gender": "Nữ" if MIDDLE[i % 6] == "Thị" or i % 3 == 0 else "Nam",
                "date_of_birth": datetime(1965 + i, 1 + i % 12, 1 + i % 27),
                "unit": UNITS[i % 3],
                "job_title": "Kiểm sát viên",
                "admission_date": f"{1 + i % 27:02d}/{1 + i % 12:02d}/{1990 + i}" if i < 28 else "15/06/2026",
                "official_date": f"{1 + i % 27:02d}/{1 + i % 12:02d}/{1991 + i}" if i < 28 else None,
                "membership": "Chính thức" if i < 28 else "Dự bị",
                "education_level": "Đại học",
                "qualification": "Cử nhân Luật",
                "theory_level": "Trung cấp",
            }
        )
    return people


def fill(template: bytes, people: list[dict], path) -> str:
    book = load_workbook(io.BytesIO(template))
    sheet = book.worksheets[0]
    for number, person in enumerate(people, start=2):
        for key, value in person.items():
            sheet.cell(row=number, column=COLUMNS.index(BY_KEY[key]) + 1, value=value)
    book.save(path)
    return str(path)


@pytest.fixture
def demo(settings):
    seed_demo(settings)


def test_it_imports_a_30_member_sheet_after_refusing_it_whole_for_two_mistakes(demo, open_page, tmp_path):
    page = open_page()
    log_in(page, "bithu")
    page.get_by_role("heading", name="Việc cần làm").wait_for()
    open_menu(page, "Chi bộ", "Nhập từ Excel")
    page.get_by_role("heading", name="Nhập danh sách đảng viên từ Excel").wait_for()
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải tệp mẫu (.xlsx)").click()
    template = open(download.value.path(), "rb").read()

    people = rows()
    people[6]["date_of_birth"] = "30/02/1971"  # row 8: no such day
    people[19]["unit"] = "Phòng Tổ chức cán bộ"  # row 21: not a unit of the cell
    page.get_by_label("Danh sách đã điền (.xlsx)").set_input_files(fill(template, people, tmp_path / "chi-bo-4.xlsx"))
    page.get_by_role("button", name="Kiểm tra tệp").click()
    page.get_by_text("Chưa nhập đảng viên nào từ tệp “chi-bo-4.xlsx”: tệp có 2 lỗi.").wait_for()
    table = page.locator("#import-errors tbody tr")
    assert table.count() == 2
    assert table.nth(0).inner_text().split("\t")[:3] == ["8", "Ngày sinh", "30/02/1971"]
    assert table.nth(1).inner_text().split("\t")[:3] == ["21", "Đơn vị", "Phòng Tổ chức cán bộ"]
    assert "Chi bộ không có đơn vị này" in table.nth(1).inner_text()
    assert Member.objects.filter(cell__name="Chi bộ 4").count() == 9  # nothing imported
    assert_accessible(page)

    people[6]["date_of_birth"] = "28/02/1971"
    people[19]["unit"] = "Văn phòng"
    page.get_by_label("Danh sách đã điền (.xlsx)").set_input_files(fill(template, people, tmp_path / "chi-bo-4.xlsx"))
    page.get_by_role("button", name="Kiểm tra tệp").click()
    page.get_by_role("heading", name="Nhập các đảng viên này?").wait_for()
    assert page.locator("#import-preview tbody tr").count() == 30
    assert_accessible(page)
    page.get_by_label("Cấp cho mỗi đồng chí một tài khoản đăng nhập với mật khẩu ban đầu").check()
    page.screenshot(path=str(tmp_path / "confirm.png"), full_page=True)
    page.get_by_role("button", name="Nhập 30 đảng viên").click()
    page.get_by_role("heading", name="Tài khoản của các đảng viên mới").wait_for()
    page.get_by_text("Đã nhập 30 đảng viên từ tệp chi-bo-4.xlsx.").wait_for()
    assert page.locator("#import-logins tbody tr").count() == 30
    first = page.locator("#import-logins tbody tr").first.locator("code")
    username, password = first.nth(0).inner_text(), first.nth(1).inner_text()

    cell4 = Member.objects.get(user__username="bithu").cell
    assert Member.objects.filter(cell=cell4).count() == 39
    assert Member.objects.get(full_name=people[19]["full_name"], cell=cell4).unit.name == "Văn phòng"  # corrected
    assert AuditEntry.objects.filter(cell=cell4, action="create", content_type__model="member").count() == 30
    page.get_by_role("link", name="Tôi đã lưu lại: về danh sách").click()
    page.get_by_role("heading", name="Danh sách đảng viên").wait_for()
    assert page.get_by_text("39 đảng viên: 37 chính thức, 2 dự bị").is_visible()

    other = open_page(viewport={"width": 390, "height": 844})  # the new member logs in on a phone
    log_in(other, username, password)
    other.get_by_role("heading", name="Việc cần làm").wait_for()


def test_it_offers_the_import_and_the_export_to_the_secretary_only(demo, open_page):
    page = open_page(viewport={"width": 390, "height": 844})
    log_in(page, "bithu")
    page.get_by_role("heading", name="Việc cần làm").wait_for()
    page.goto(f"{page.base_url}/members/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Xuất Excel").click()
    sheet = load_workbook(io.BytesIO(open(download.value.path(), "rb").read())).worksheets[0]
    assert sum(1 for row in sheet.iter_rows(min_row=2, values_only=True) if row[1]) == 9
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_role("link", name="Nhập từ Excel").click()  # the list's own link, on a phone
    page.get_by_role("heading", name="Nhập danh sách đảng viên từ Excel").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    member = open_page()
    log_in(member, "dangvien")
    member.get_by_role("heading", name="Việc cần làm").wait_for()
    member.goto(f"{member.base_url}/members/")
    assert member.get_by_role("link", name="Nhập từ Excel").count() == 0
    assert member.get_by_role("link", name="Xuất Excel").count() == 0
    response = member.goto(f"{member.base_url}/members/import/")
    assert response.status == 403
