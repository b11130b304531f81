import re
from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from members.models import AuditEntry, Member
from tests.factories import make_member, make_unit

GOOD = {
    "full_name": "  Hoàng   Minh Đức ",
    "username": "hoangduc",
    "password": "mat-khau-ban-dau-2026",
    "gender": "male",
    "date_of_birth": "09/01/1985",
    "job_title": "Kiểm sát viên",
    "role": "member",
    "admission_date": "26/03/2010",
    "official_date": "26/03/2011",
    "party_card_number": "12345678",
    "education_level": "bachelor",
    "qualification": "Cử nhân Luật",
    "theory_level": "intermediate",
    "temporary": "none",
}


@pytest.fixture
def secretary_client(client_for, secretary):
    return client_for(secretary)


def test_it_creates_a_member_with_a_login_and_an_audit_entry(secretary_client, secretary, unit):
    response = secretary_client.post(reverse("members:create"), {**GOOD, "unit": unit.pk})
    created = Member.objects.get(full_name="Hoàng Minh Đức")
    assert response.status_code == 302 and response["Location"] == created.get_absolute_url()
    assert created.cell == secretary.cell and created.unit == unit
    assert created.date_of_birth == date(1985, 1, 9)
    assert created.user.check_password(GOOD["password"])
    entry = AuditEntry.objects.get(object_id=created.pk)
    assert entry.action == "create" and entry.actor == secretary.user


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("full_name", "   ", "Hãy nhập họ và tên của đảng viên."),
        ("date_of_birth", "future", "Ngày sinh không thể ở tương lai."),
        ("date_of_birth", "31/02/1990", "Hãy nhập ngày theo dạng dd/mm/yyyy"),
        ("official_date", "01/01/2009", "Ngày chính thức không thể trước ngày vào Đảng."),
        ("party_card_number", "DUP-001", "Số thẻ đảng viên này đã được dùng"),
        ("username", "secretary", "Tên đăng nhập này đã có người dùng."),
        ("role", "secretary", "Chi bộ đã có bí thư."),
    ],
)
def test_it_rejects_bad_input_beside_the_field_and_keeps_what_was_typed(
    secretary_client, secretary, field, value, message
):
    make_member(secretary.cell, party_card_number="DUP-001")
    if value == "future":
        value = (timezone.localdate() + timedelta(days=3)).strftime("%d/%m/%Y")
    data = {**GOOD, field: value}
    before = Member.objects.count()
    response = secretary_client.post(reverse("members:create"), data)
    assert response.status_code == 200
    assert Member.objects.count() == before
    form = response.context["form"]
    assert field in form.errors and message in " ".join(form.errors[field])
    html = response.content.decode()
    assert message in html
    assert f'value="{GOOD["job_title"]}"' in html  # what was typed is still there
    assert "Vui lòng sửa các lỗi bên dưới" in html


def test_it_refuses_a_unit_of_another_cell_posted_by_hand(secretary_client, other_cell):
    foreign_unit = make_unit(other_cell)
    response = secretary_client.post(reverse("members:create"), {**GOOD, "unit": foreign_unit.pk})
    assert response.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ" in " ".join(response.context["form"].errors["unit"])
    assert not Member.objects.filter(full_name="Hoàng Minh Đức").exists()


def test_it_refuses_a_committee_role_for_a_probationary_member(secretary_client):
    data = {**GOOD, "official_date": "", "role": "committee"}
    response = secretary_client.post(reverse("members:create"), data)
    assert "Đảng viên dự bị không thể giữ chức vụ trong chi ủy." in response.content.decode()


def test_it_logs_each_changed_field_when_editing(secretary_client, secretary, member):
    url = reverse("members:edit", args=[member.pk])
    form = secretary_client.get(url).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    for name in ["date_of_birth", "admission_date", "official_date"]:
        data[name] = getattr(member, name).strftime("%d/%m/%Y")
    data["job_title"] = "Phó Trưởng phòng"
    response = secretary_client.post(url, data)
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.job_title == "Phó Trưởng phòng"
    entry = AuditEntry.objects.get(object_id=member.pk, action="update")
    assert entry.changes == {"job_title": ["", "Phó Trưởng phòng"]}
    detail = secretary_client.get(member.get_absolute_url()).content.decode()
    assert "Lịch sử thay đổi" in detail and "Phó Trưởng phòng" in detail


def test_it_transfers_a_member_out_and_closes_their_login(secretary_client, secretary, member, client):
    url = reverse("members:transfer", args=[member.pk])
    response = secretary_client.post(url, {"left_on": "01/11/2026", "reason": "Chuyển đến Chi bộ Tòa án"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.left_on == date(2026, 11, 1) and not member.user.is_active
    assert AuditEntry.objects.filter(object_id=member.pk, action="transfer").exists()
    member.user.set_password("mat-khau-cu-2026")
    member.user.save()
    response = client.post(reverse("login"), {"username": "member", "password": "mat-khau-cu-2026"})
    assert response.status_code == 200  # an inactive login is refused
    # The record is kept but no longer edited.
    assert secretary_client.get(reverse("members:edit", args=[member.pk])).status_code == 403


def test_the_secretary_gives_a_member_a_new_password_shown_once(secretary_client, secretary, member, client):
    """A member who forgot their password (or was imported without a login): after a confirmation, a new initial
    password, shown once and kept nowhere; the old one and the member's open sessions stop working; lockouts are
    lifted; the history says it was given, never what it is."""
    from axes.models import AccessAttempt

    member.user.set_password("mat-khau-cu-2026")
    member.user.save()
    client.force_login(member.user)  # the member's session, open elsewhere
    AccessAttempt.objects.create(username="member", ip_address="10.0.0.9", failures_since_start=5)
    url = reverse("members:password_reset", args=[member.pk])
    assert f'href="{url}"' in secretary_client.get(member.get_absolute_url()).content.decode()
    page = secretary_client.get(url).content.decode()
    assert "đảng viên bị đăng xuất ở mọi nơi đang đăng nhập" in page and "không lưu mật khẩu" in page
    assert secretary_client.post(url, {}).status_code == 200  # not confirmed: nothing changes
    member.user.refresh_from_db()
    assert member.user.check_password("mat-khau-cu-2026")

    response = secretary_client.post(url, {"confirm": "1"})
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    password = re.search(r'id="new-password" class="fs-3">([^<]+)</code>', response.content.decode())[1]
    assert re.fullmatch(r"[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}", password)
    member.user.refresh_from_db()
    assert member.user.check_password(password) and not member.user.check_password("mat-khau-cu-2026")
    assert client.get(reverse("home")).status_code == 302  # the open session ended with the old password
    assert not AccessAttempt.objects.filter(username="member").exists()
    entry = AuditEntry.objects.filter(object_id=member.pk, action="update").latest("pk")
    assert entry.changes == {"new initial password given": [None, True]} and password not in str(entry.changes)
    assert "Cấp mật khẩu ban đầu mới" in secretary_client.get(member.get_absolute_url()).content.decode()
    # Once shown, the page asks again rather than showing it twice.
    assert password not in secretary_client.get(url).content.decode()


def test_the_secretary_changes_their_own_password_on_the_password_page(secretary_client, secretary):
    url = reverse("members:password_reset", args=[secretary.pk])
    assert f'href="{url}"' not in secretary_client.get(secretary.get_absolute_url()).content.decode()
    response = secretary_client.post(url, {"confirm": "1"}, follow=True)
    assert "đổi tại trang Đổi mật khẩu" in response.content.decode()
    secretary.user.refresh_from_db()
    assert (
        secretary.user.check_password("mat-khau-dung-2026")
        or not AuditEntry.objects.filter(object_id=secretary.pk, changes__has_key="new initial password given").exists()
    )


def test_the_deputy_does_not_give_the_secretary_a_new_password(client_for, secretary, cell):
    deputy = make_member(cell, role="deputy", username="phobithu", full_name="Lê Văn Phó")
    client = client_for(deputy)
    url = reverse("members:password_reset", args=[secretary.pk])
    assert f'href="{url}"' not in client.get(secretary.get_absolute_url()).content.decode()
    before = secretary.user.password
    response = client.post(url, {"confirm": "1"}, follow=True)
    assert "Mật khẩu của Bí thư do Bí thư tự đổi" in response.content.decode()
    secretary.user.refresh_from_db()
    assert secretary.user.password == before


def test_it_rejects_a_transfer_before_admission(secretary_client, member):
    url = reverse("members:transfer", args=[member.pk])
    response = secretary_client.post(url, {"left_on": "01/01/2000", "reason": "x"})
    assert response.status_code == 200
    assert "Ngày chuyển đi không thể trước ngày vào Đảng." in response.content.decode()


def test_it_filters_the_list_and_counts_the_seed_mix(secretary_client, secretary, committee, member, unit):
    make_member(secretary.cell, full_name="Vũ Thị Hà", official_date=None, theory_level="elementary")
    response = secretary_client.get(reverse("members:list"), {"status": "probationary"})
    names = [m.full_name for m in response.context["members"]]
    assert names == ["Vũ Thị Hà"]
    summary = response.context["summary"]
    assert (summary["total"], summary["official"], summary["probationary"]) == (4, 3, 1)
    unfiltered = secretary_client.get(reverse("members:list")).context  # counted from the list itself
    assert unfiltered["summary"] == summary and len(unfiltered["members"]) == 4
    response = secretary_client.get(reverse("members:list"), {"role": "committee"})
    assert [m.full_name for m in response.context["members"]] == ["Lê Văn Cường"]
    response = secretary_client.get(reverse("members:list"), {"unit": unit.pk})
    assert len(response.context["members"]) == 3


def test_it_ignores_a_filter_for_another_cells_unit(secretary_client, other_cell, member):
    response = secretary_client.get(reverse("members:list"), {"unit": make_unit(other_cell).pk})
    assert response.status_code == 200
    assert "unit" in response.context["filter_form"].errors


def test_it_shows_a_member_the_list_but_only_their_own_record(client_for, member, committee):
    client = client_for(member)
    html = client.get(reverse("members:list")).content.decode()
    assert f'href="{member.get_absolute_url()}"' in html
    assert f'href="{committee.get_absolute_url()}"' not in html
    assert "Thêm đảng viên" not in html


def test_it_edits_the_cell_and_its_units(secretary_client, secretary):
    response = secretary_client.post(
        reverse("members:cell"),
        {
            "name": "Chi bộ 4",
            "document_code": "CB",
            "superior_name": "Đảng bộ Viện KSND tỉnh Tuyên Quang",
            "place_name": "Tuyên Quang",
            "term_label": "2025–2027",
            "term_start": "20/06/2025",
            "meeting_minutes_min": 90,
            "meeting_minutes_min_thematic": 120,
            "professional_share_min": 30,
            "professional_share_max": 50,
            "quality_good_min": 90,
            "quality_fair_min": 70,
            "quality_average_min": 50,
            "task_due_soon_days": 7,
            "task_reminder_days": 3,
            "rating_common_points": 30,
            "rating_task_points": 70,
            "rating_light_deduction": 3,
            "rating_discipline_deduction": 15,
            "committee_required_from": 9,
            "committee_size_min": 3,
        },
    )
    assert response.status_code == 302
    secretary.cell.refresh_from_db()
    assert secretary.cell.superior_name == "Đảng bộ Viện KSND tỉnh Tuyên Quang"
    response = secretary_client.post(reverse("members:unit_create"), {"unit-name": "Văn phòng", "unit-position": 3})
    assert response.status_code == 302
    response = secretary_client.post(reverse("members:unit_create"), {"unit-name": "văn phòng", "unit-position": 4})
    assert "Chi bộ đã có đơn vị mang tên này." in response.content.decode()


def test_it_rejects_a_bad_document_code(secretary_client):
    response = secretary_client.post(reverse("members:cell"), {"name": "Chi bộ 4", "document_code": "C/B"})
    assert response.status_code == 200
    assert "Hãy nhập mã ngắn" in response.content.decode()


def test_it_refuses_a_login_without_a_member_profile(client, db):
    user = get_user_model().objects.create_user("stranger", password="x-pass-12345")
    client.force_login(user)
    response = client.get(reverse("members:list"))
    assert response.status_code == 403
    assert "chưa gắn với đảng viên" in response.content.decode()


def test_it_sorts_members_in_vietnamese_order_by_given_name(secretary_client, secretary):
    for name in ["Đặng Quốc Hùng", "Vũ Thị Hà", "Bùi Thị Lan", "Lê Văn Cường", "Hoàng Minh Đức", "Trần Thị Bình"]:
        make_member(secretary.cell, full_name=name)
    make_member(secretary.cell, full_name="Ngô Văn Dũng")
    make_member(secretary.cell, full_name="Phạm Văn Dung")
    response = secretary_client.get(reverse("members:list"))
    names = [m.full_name for m in response.context["members"]]
    assert names == [
        "Nguyễn Văn An",
        "Trần Thị Bình",
        "Lê Văn Cường",
        "Phạm Văn Dung",
        "Ngô Văn Dũng",
        "Hoàng Minh Đức",
        "Vũ Thị Hà",
        "Đặng Quốc Hùng",
        "Bùi Thị Lan",
    ]
