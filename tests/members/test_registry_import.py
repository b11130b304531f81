"""The registry as an Excel file: the template, the export, and the import (checked whole, confirmed, all rows
or none)."""

import io
import zipfile
from datetime import date, datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from members.models import AuditEntry, Member
from members.registry_xlsx import BY_KEY, COLUMNS, ROW_LIMIT, template_xlsx
from tests.factories import make_member

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
GIVEN = ["Minh", "Hương", "Tuấn", "Lan", "Quân", "Thảo", "Sơn", "Yến", "Khoa", "Nhung", "Phong", "Trang"]


def person(i: int, **overrides) -> dict:
    """Row values by column key, as a secretary would type them."""
    values = {
        "number": i + 1,
        "full_name": f"{FAMILY[i % 10]} Văn {GIVEN[i % 12]}",
        "gender": "Nam" if i % 2 else "Nữ",
        "date_of_birth": datetime(1970 + i % 30, 1 + i % 12, 1 + i % 28),  # a real Excel date
        "unit": "Phòng Kiểm sát điều tra",
        "job_title": "Kiểm sát viên",
        "role": "Đảng viên",
        "admission_date": f"{1 + i % 28:02d}/05/{2000 + i % 20}",  # a date typed as text
        "official_date": f"{1 + i % 28:02d}/05/{2001 + i % 20}",
        "membership": "Chính thức",
        "education_level": "Đại học",
        "qualification": "Cử nhân Luật",
        "theory_level": "Trung cấp",
        "email": f"dangvien{i}@example.vn",
    }
    return {**values, **overrides}


def filled(cell, rows: list[dict]) -> bytes:
    """The cell's template with ``rows`` typed in (as Excel saves it)."""
    book = load_workbook(io.BytesIO(template_xlsx(cell)))
    sheet = book.worksheets[0]
    for number, row in enumerate(rows, start=2):
        for key, value in row.items():
            sheet.cell(row=number, column=COLUMNS.index(BY_KEY[key]) + 1, value=value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def plain_book(rows: list[list]) -> bytes:
    """A workbook written from scratch (not from the template)."""
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(client, data: bytes, name="danh-sach.xlsx"):
    return client.post(reverse("members:import"), {"file": SimpleUploadedFile(name, data, content_type=XLSX)})


def confirm(client, *, logins=False, **extra):
    data = {"confirm": "1", "batch": client.session["members_import"]["batch"], **extra}
    if logins:
        data["logins"] = "on"
    return client.post(reverse("members:import_confirm"), data)


@pytest.fixture
def secretary_client(client_for, secretary):
    return client_for(secretary)


def errors_of(response) -> list[tuple[int, str, str]]:
    return [(e.row, e.column, e.message) for e in response.context["errors"]]


# The template and the export ------------------------------------------------------------------------------


def test_it_gives_a_template_in_vietnamese_with_a_frozen_header_lists_and_instructions(secretary_client, unit):
    response = secretary_client.get(reverse("members:template_xlsx"))
    assert response["Content-Type"] == XLSX
    assert "mau-danh-sach-dang-vien.xlsx" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.worksheets[0]
    headers = [c.value for c in sheet[1]]
    assert headers[:5] == ["STT", "Họ và tên *", "Giới tính *", "Ngày sinh *", "Đơn vị"]
    for header in ["Chức vụ trong chi bộ", "Ngày vào Đảng *", "Ngày chính thức", "Loại đảng viên", "Tên đăng nhập"]:
        assert header in headers
    assert sheet.freeze_panes == "C2"
    assert book.sheetnames == ["Danh sách đảng viên", "Hướng dẫn", "Danh mục"]
    guide = " ".join(str(c.value) for row in book["Hướng dẫn"].iter_rows() for c in row if c.value)
    assert "dd/mm/yyyy" in guide and "Các đơn vị của chi bộ: Phòng Kiểm sát điều tra." in guide
    lists = {str(rule.sqref)[:1] for rule in sheet.data_validations.dataValidation}
    assert {"C", "E", "G"} <= lists  # gender, unit, role offered as lists


def test_it_exports_the_members_in_the_template_s_columns(secretary_client, secretary, member, unit):
    member.user.email = "dung@example.vn"
    member.user.save()
    response = secretary_client.get(reverse("members:export_xlsx"))
    assert response["Content-Type"] == XLSX
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = {row[1]: row for row in sheet.iter_rows(min_row=2, values_only=True) if row[1]}
    assert set(rows) == {"Nguyễn Văn An", "Phạm Thị Dung"}
    dung = dict(zip([c.key for c in COLUMNS], rows["Phạm Thị Dung"], strict=False))
    assert dung["gender"] == "Nam" and dung["unit"] == "Phòng Kiểm sát điều tra"
    assert dung["date_of_birth"].date() == date(1985, 1, 1)
    assert dung["membership"] == "Chính thức" and dung["theory_level"] == "Trung cấp"
    assert dung["email"] == "dung@example.vn" and dung["username"] == "member"
    assert rows["Nguyễn Văn An"][COLUMNS.index(BY_KEY["role"])] == "Bí thư"


def test_it_refuses_an_exported_list_imported_back_as_duplicates(secretary_client, secretary, member):
    exported = secretary_client.get(reverse("members:export_xlsx")).content
    response = upload(secretary_client, exported)
    assert response.status_code == 200
    assert errors_of(response) == [
        (2, "Họ và tên", "Đã có trong danh sách của chi bộ (sinh ngày 01/01/1985)."),
        (3, "Họ và tên", "Đã có trong danh sách của chi bộ (sinh ngày 01/01/1985)."),
    ]  # and only that: their login names and the secretary's role follow from it
    assert Member.objects.count() == 2


# A good list: checked, confirmed, imported -----------------------------------------------------------------


def test_it_imports_a_filled_in_template_only_after_confirmation(secretary_client, secretary, cell, unit):
    rows = [person(0, party_card_number="0123456"), person(1, role="", membership="", theory_level="", unit="")]
    rows.append(person(2, party_card_number=7654321))  # a number where Excel was not told it is text
    response = upload(secretary_client, filled(cell, rows), name="C:\\Users\\bithu\\Danh sách.xlsx")
    assert response.status_code == 302 and response["Location"] == reverse("members:import_confirm")
    assert Member.objects.filter(cell=cell).count() == 1  # nothing saved yet
    preview = secretary_client.get(reverse("members:import_confirm"))
    assert [row.member.full_name for row in preview.context["rows"]] == [r["full_name"] for r in rows]
    assert "Danh sách.xlsx" in preview.content.decode()
    assert preview["Cache-Control"].startswith("max-age=0") or "no-store" in preview["Cache-Control"]

    response = confirm(secretary_client)
    assert response.status_code == 302 and response["Location"] == reverse("members:list")
    nguyen = Member.objects.get(full_name="Nguyễn Văn Minh")
    assert nguyen.cell == cell and nguyen.unit == unit and nguyen.gender == "female"
    assert nguyen.date_of_birth == date(1970, 1, 1) and nguyen.admission_date == date(2000, 5, 1)
    assert nguyen.official_date == date(2001, 5, 1) and nguyen.education_level == "bachelor"
    assert nguyen.theory_level == "intermediate" and nguyen.user.email == "dangvien0@example.vn"
    assert nguyen.user.username == "nguyenminh" and not nguyen.user.has_usable_password()
    assert nguyen.party_card_number == "0123456"  # its leading zero kept
    assert Member.objects.get(full_name="Lê Văn Tuấn").party_card_number == "7654321"
    tran = Member.objects.get(full_name="Trần Văn Hương")
    assert (tran.role, tran.theory_level, tran.unit) == ("member", "none", None)  # empty: the defaults
    history = AuditEntry.objects.filter(object_id=nguyen.pk, content_type__model="member").get()
    assert history.action == "create" and history.changes == {"imported from a file": [None, "Danh sách.xlsx"]}
    log = AuditEntry.objects.filter(content_type__model="cell", object_id=cell.pk).get()
    assert log.changes == {"members imported from a file": [None, "3 (Danh sách.xlsx)"]}
    assert reverse("members:import_confirm") not in secretary_client.get(reverse("members:import_confirm"))["Location"]


def test_it_gives_logins_with_passwords_shown_once_only_when_asked(secretary_client, secretary, cell, unit):
    get_user_model().objects.create_user(username="nguyenminh")  # taken: the next one is numbered
    upload(secretary_client, filled(cell, [person(0), person(0, date_of_birth=datetime(1990, 1, 1), email="")]))
    response = confirm(secretary_client, logins=True)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    logins = response.context["logins"]
    assert [username for _m, username, _p in logins] == ["nguyenminh2", "nguyenminh3"]
    for member, _username, password in logins:
        member.user.refresh_from_db()
        assert member.user.check_password(password) and len(password) == 14
        assert password in response.content.decode()


def test_it_does_nothing_unless_confirmed_with_the_checked_list(secretary_client, secretary, cell, unit):
    upload(secretary_client, filled(cell, [person(0)]))
    response = secretary_client.post(reverse("members:import_confirm"), {"batch": "x"})
    assert "nothing was imported" in response.context["refusal"] or "chưa nhập" in response.context["refusal"]
    response = secretary_client.post(reverse("members:import_confirm"), {"confirm": "1", "batch": "another"})
    assert response.status_code == 200 and response.context["refusal"]
    assert not Member.objects.filter(full_name="Nguyễn Văn Minh").exists()


def test_it_checks_again_at_confirmation_against_the_list_as_it_is_then(secretary_client, secretary, cell, unit):
    upload(secretary_client, filled(cell, [person(0), person(1)]))
    make_member(cell, full_name="Trần Văn Hương", date_of_birth=date(1971, 2, 2))  # added meanwhile
    response = confirm(secretary_client)
    assert (3, "Họ và tên", "Đã có trong danh sách của chi bộ (sinh ngày 02/02/1971).") in errors_of(response)
    assert not Member.objects.filter(full_name="Nguyễn Văn Minh").exists()


def test_it_sends_back_to_the_upload_when_nothing_waits(secretary_client, secretary):
    response = secretary_client.get(reverse("members:import_confirm"))
    assert response["Location"] == reverse("members:import")


# Bad rows: every mistake by row and column, nothing imported ------------------------------------------------


def test_it_lists_each_mistake_by_row_and_column_and_imports_none(secretary_client, secretary, cell, unit):
    rows = [person(i) for i in range(8)]
    rows[1]["date_of_birth"] = "31/02/1990"  # bad date
    rows[2]["unit"] = "Phòng Tổ chức"  # unknown unit
    rows[3] = person(0, number=4)  # the same member as row 2
    rows[4]["membership"] = "Chính thức"
    rows[4]["official_date"] = None  # official without an official date
    rows[5]["membership"] = "Tạm"  # no such status
    rows[6]["role"] = "Bí thư"  # the cell has one
    rows[7]["gender"] = None  # required
    response = upload(secretary_client, filled(cell, rows))
    assert response.status_code == 200
    assert errors_of(response) == [
        (3, "Ngày sinh", "Hãy nhập ngày theo dạng dd/mm/yyyy, ví dụ 05/02/2026."),
        (4, "Đơn vị", "Chi bộ không có đơn vị này. Ghi một trong “Phòng Kiểm sát điều tra”, hoặc thêm đơn vị ở "
                      "mục Thông tin chi bộ trước."),
        (5, "Họ và tên", "Trùng với đảng viên ở dòng 2."),
        (6, "Loại đảng viên", "Đảng viên chính thức cần có ngày chính thức."),
        (7, "Loại đảng viên", "Không phải giá trị của cột này: ghi một trong “Chính thức”, “Dự bị”."),
        (8, "Chức vụ trong chi bộ", "Chi bộ đã có bí thư. Hãy đổi chức vụ của đồng chí đó trước."),
        (9, "Giới tính", "Trường này là bắt buộc."),
    ]  # fmt: skip
    errors = response.context["errors"]
    assert errors[0].value == "31/02/1990" and errors[1].value == "Phòng Tổ chức"
    page = response.content.decode()
    assert "Chưa nhập đảng viên nào từ tệp “danh-sach.xlsx”: tệp có 7 lỗi." in page
    assert "Hãy sửa 7 dòng dưới đây trong tệp" in page
    assert Member.objects.count() == 1 and "members_import" not in secretary_client.session


def test_it_refuses_a_formula_naming_its_cell(secretary_client, secretary, cell, unit):
    data = filled(cell, [person(0), person(1, full_name='=B2&" 2"')])
    response = upload(secretary_client, data)
    assert errors_of(response) == [(3, "Họ và tên", "Ô B3 chứa công thức: hãy ghi giá trị của nó.")]
    assert Member.objects.count() == 1


def test_it_reads_a_sheet_of_its_own_with_a_title_above_the_header(secretary_client, secretary, unit):
    data = plain_book(
        [
            ["DANH SÁCH ĐẢNG VIÊN CHI BỘ 4"],
            [],
            ["STT", "Họ và tên", "Giới tính", "Ngày sinh", "Ngày vào Đảng", "Ngày chính thức", "trinh do hoc van"],
            [1, "Lò Văn Páo", "nam", "5/2/1980", datetime(2005, 3, 26), "26/03/2006", "dai hoc"],
        ]
    )
    response = upload(secretary_client, data)
    assert response.status_code == 302
    confirm(secretary_client)
    pao = Member.objects.get(full_name="Lò Văn Páo")
    assert (pao.date_of_birth, pao.official_date, pao.education_level) == (
        date(1980, 2, 5),
        date(2006, 3, 26),
        "bachelor",
    )


# Bad files: a clear message, nothing imported, no 500 -------------------------------------------------------


def _zip(files: dict) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"Ho va ten,Ngay sinh\nNguyen Van A,01/01/1980\n", "không phải là sổ tính Excel (.xlsx)"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500, "tệp Excel cũ (.xls)"),
        (_zip({"word/document.xml": "<w/>", "[Content_Types].xml": "<t/>"}), "không phải là sổ tính Excel (.xlsx)"),
        (_zip({"xl/workbook.xml": "<broken", "[Content_Types].xml": "<broken"}), "Không đọc được sổ tính này"),
        (b"PK\x03\x04 not really a zip", "bị hỏng"),
        (b"", "Tệp này trống."),
    ],
)
def test_it_refuses_a_file_that_is_not_an_xlsx_workbook(secretary_client, secretary, data, message):
    response = upload(secretary_client, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Member.objects.count() == 1


def test_it_refuses_a_workbook_with_macros(secretary_client, secretary, cell):
    data = filled(cell, [person(0)])
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        files = {name: source.read(name) for name in source.namelist()}
    files["xl/vbaProject.bin"] = b"macro"
    response = upload(secretary_client, _zip(files), name="danh-sach.xlsm")
    assert "có macro" in response.content.decode()


def test_it_names_missing_and_unknown_columns(secretary_client, secretary):
    data = plain_book(
        [["Họ và tên", "Giới tính", "Ngày vào Đảng", "Quê quán"], ["Lò Văn Páo", "Nam", "01/01/2005", "X"]]
    )
    response = upload(secretary_client, data)
    assert response.context["refused"] == [
        "Thiếu cột: “Ngày sinh”, “Trình độ học vấn”.",
        "Cột không có trong mẫu: “Quê quán”. Đổi tên cho đúng như trong mẫu, hoặc xóa cột đó.",
    ]
    assert Member.objects.count() == 1


def test_it_refuses_a_sheet_without_a_header_row_or_without_members(secretary_client, secretary, cell):
    response = upload(secretary_client, plain_book([["Nguyễn Văn Bình", "Nam"]]))
    assert "Không tìm thấy hàng tiêu đề" in response.context["refused"][0]
    response = upload(secretary_client, filled(cell, []))
    assert "chưa có đảng viên nào" in response.context["refused"][0]


def test_it_refuses_10000_rows_without_reading_them_all(
    secretary_client, secretary, cell, django_assert_max_num_queries
):
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append([column.header for column in COLUMNS])
    for i in range(10_000):
        sheet.append([i + 1, f"Đảng viên {i}", "Nam", "01/01/1980", "", "", "", "01/01/2005"])
    out = io.BytesIO()
    book.save(out)
    with django_assert_max_num_queries(5):  # refused before any row is checked against the registry
        response = upload(secretary_client, out.getvalue())
    assert response.context["refused"] == [
        f"Danh sách có hơn {ROW_LIMIT} đảng viên. Hãy chia thành các tệp, mỗi tệp tối đa {ROW_LIMIT} dòng, rồi "
        "lần lượt nhập từng tệp."
    ]
    assert Member.objects.count() == 1


def test_it_refuses_a_file_over_the_size_limit(secretary_client, secretary):
    response = upload(secretary_client, b"PK\x03\x04" + b"\0" * (2 * 1024 * 1024 + 1))
    assert "lớn hơn 2 MB" in response.content.decode()


# What it costs ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 30])
def test_it_checks_a_list_in_the_same_number_of_queries_whatever_its_length(
    secretary_client, secretary, cell, unit, count
):
    data = filled(cell, [person(i, date_of_birth=datetime(1960 + i, 1, 1)) for i in range(count)])
    with CaptureQueriesContext(connection) as upload_queries:
        assert upload(secretary_client, data).status_code == 302
    with CaptureQueriesContext(connection) as preview_queries:
        assert secretary_client.get(reverse("members:import_confirm")).status_code == 200
    # Session, user with their member; the units, the cell’s members, its secretary, the login names in use; on
    # the upload the session is saved too. None of them is per row.
    assert len(upload_queries) == 9, [q["sql"][:90] for q in upload_queries.captured_queries]
    assert len(preview_queries) == 6, [q["sql"][:90] for q in preview_queries.captured_queries]


def test_it_limits_how_many_logins_one_import_gives(secretary_client, secretary, cell, unit, monkeypatch):
    monkeypatch.setattr("members.views_registry.LOGIN_LIMIT", 1)
    upload(secretary_client, filled(cell, [person(0), person(1)]))
    response = confirm(secretary_client, logins=True)
    assert response.status_code == 200 and "tối đa 1 đảng viên" in response.context["refusal"]
    assert Member.objects.count() == 1
    assert confirm(secretary_client).status_code == 302  # without logins, the same list goes in
    assert Member.objects.count() == 3


def test_it_saves_no_row_when_one_fails_in_the_database(secretary, cell, unit):
    """All or none down to the database: a login name taken at the last moment undoes the rows before it."""
    from django.db import IntegrityError

    from members.registry_import import check_rows
    from members.registry_xlsx import SheetRow
    from members.services import members_import

    rows = [SheetRow(number=2, values={k: str(v) for k, v in person(0, date_of_birth="01/01/1970").items()})]
    rows.append(SheetRow(number=3, values={k: str(v) for k, v in person(1, date_of_birth="02/02/1971").items()}))
    checked = check_rows(cell=cell, rows=rows)
    assert checked.ok
    get_user_model().objects.create_user(username=checked.rows[1].username)  # taken meanwhile
    with pytest.raises(IntegrityError):
        members_import(cell=cell, rows=checked.rows, logins=False, filename="a.xlsx", by=secretary.user)
    assert Member.objects.count() == 1 and not get_user_model().objects.filter(username="nguyenminh").exists()
    assert not AuditEntry.objects.exists()


def test_it_names_a_column_written_twice(secretary_client, secretary):
    data = plain_book([["Họ và tên", "Giới tính", "Ngày sinh", "Ngày vào Đảng", "Trình độ học vấn", "Họ tên"]])
    assert upload(secretary_client, data).context["refused"] == ["Cột bị lặp lại: “Họ tên”."]


def test_it_exports_what_the_list_page_filters(secretary_client, secretary, member, cell):
    from members.services import member_transfer_out

    member_transfer_out(member=member, on=date(2026, 1, 5), reason="Chuyển công tác", by=secretary.user)

    def names(query):
        response = secretary_client.get(reverse("members:export_xlsx") + query)
        sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
        return {row[1] for row in sheet.iter_rows(min_row=2, values_only=True) if row[1]}

    assert names("") == {"Nguyễn Văn An"}  # active members, as the list shows by default
    assert names("?status=all") == {"Nguyễn Văn An", "Phạm Thị Dung"}


def test_it_reads_the_members_sheet_even_behind_the_instructions(secretary_client, secretary, cell, unit):
    book = load_workbook(io.BytesIO(filled(cell, [person(0)])))
    book.move_sheet("Hướng dẫn", offset=-1)
    assert book.sheetnames[0] == "Hướng dẫn"
    out = io.BytesIO()
    book.save(out)
    assert upload(secretary_client, out.getvalue()).status_code == 302
