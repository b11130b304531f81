"""The dues pages as each person uses them: forms keep what was typed and say in Vietnamese what is wrong, nothing
is recorded in part, the remittance asks for confirmation, a member sees only their own payments."""

import io
import re
from datetime import date

from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from dues import services
from dues.models import DuesBasis, DuesPayment, DuesRemittance
from members.models import AuditEntry
from tests.factories import make_member

OCTOBER = [2026, 10]


def _payment(member, **overrides):
    return {
        "member": member.pk,
        "first_month": "10/2026",
        "last_month": "",
        "amount": "93.600",
        "method": "cash",
        "paid_on": "05/10/2026",
        "collected_by": member.pk,
        "note": "",
        **overrides,
    }


def test_the_secretary_records_a_payment_typed_with_thousands_separators(client_for, secretary, member):
    client = client_for(secretary)
    response = client.post(reverse("dues:pay", args=OCTOBER), _payment(member, collected_by=secretary.pk))
    assert response.status_code == 302
    payment = DuesPayment.objects.get()
    assert (payment.amount, payment.first_month, payment.last_month) == (93_600, date(2026, 10, 1), date(2026, 10, 1))
    assert payment.collected_by == secretary
    page = client.get(reverse("dues:month", args=OCTOBER)).content.decode()
    assert "1/2 đồng chí đã nộp, tổng số 93.600 đồng." in page  # the secretary has not paid
    assert "người thu: Nguyễn Văn An" in page


def test_bad_amounts_are_refused_in_vietnamese_and_nothing_is_recorded(client_for, secretary, member):
    client = client_for(secretary)
    cases = {
        "-5000": "Số tiền không được là số âm.",
        "0": "Số tiền phải lớn hơn 0 đồng.",
        "12,5": "Nhập số đồng chẵn bằng chữ số",
        "abc": "Nhập số đồng chẵn bằng chữ số",
        "500.000.000": "500.000.000 đồng là con số không hợp lý (tối đa 100.000.000 đồng)",
    }
    for typed, message in cases.items():
        response = client.post(
            reverse("dues:pay", args=OCTOBER), _payment(member, amount=typed, note="Ghi chú giữ lại")
        )
        assert response.status_code == 200
        page = response.content.decode()
        assert message in page, typed
        assert "Ghi chú giữ lại" in page  # what was typed is kept
    assert not DuesPayment.objects.exists()
    assert not AuditEntry.objects.filter(content_type__model="duespayment").exists()


def test_a_month_before_admission_is_refused_on_the_form(client_for, cell, secretary):
    newcomer = make_member(cell, full_name="Đảng viên Mới", admission_date=date(2026, 5, 19), official_date=None)
    response = client_for(secretary).post(
        reverse("dues:pay", args=OCTOBER), _payment(newcomer, first_month="03/2026", last_month="05/2026")
    )
    assert response.status_code == 200
    assert (
        "Đồng chí Đảng viên Mới vào Đảng tháng 05/2026: không thu đảng phí tháng 03/2026." in response.content.decode()
    )
    assert not DuesPayment.objects.exists()


def test_the_remittance_asks_for_confirmation_and_is_recorded_once(client_for, cell, secretary, member):
    client = client_for(secretary)
    url = reverse("dues:remit", args=OCTOBER)
    data = {"amount": "93600", "receipt_number": "15/PT-ĐU", "remitted_on": "10/11/2026", "note": ""}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "sau khi ghi không sửa được" in response.content.decode()
    assert not DuesRemittance.objects.exists()
    response = client.post(url, {**data, "confirm": "1"})
    assert response.status_code == 302
    remittance = DuesRemittance.objects.get()
    assert (remittance.month, remittance.amount, remittance.receipt_number) == (date(2026, 10, 1), 93_600, "15/PT-ĐU")
    response = client.post(url, {**data, "receipt_number": "16/PT-ĐU", "confirm": "1"}, follow=True)
    assert "Đảng phí tháng 10/2026 đã được ghi nộp cấp trên." in response.content.decode()
    assert DuesRemittance.objects.count() == 1


def test_a_remittance_for_a_month_not_begun_is_refused(client_for, secretary):
    today = timezone.localdate()
    later = date(today.year + 1, today.month, 1)
    url = reverse("dues:remit", args=[later.year, later.month])
    data = {"amount": "1000", "receipt_number": "1", "remitted_on": today.strftime("%d/%m/%Y"), "confirm": "1"}
    response = client_for(secretary).post(url, data)
    assert response.status_code == 200
    assert "Không thể ghi nộp cấp trên cho tháng chưa bắt đầu." in response.content.decode()
    assert not DuesRemittance.objects.exists()


def test_a_basis_with_an_exemption_needs_a_reason(client_for, secretary, member):
    client = client_for(secretary)
    url = reverse("dues:basis", args=[member.pk])
    data = {"valid_from": "01/2026", "kind": "pension", "declared_amount": "7.000.000", "relief": "exempt"}
    page = client.get(url).content.decode()
    assert "Lương hưu: 0,5 % — Quy định 01-QĐ/TW ngày 03/02/2026 (từ ngày 03/02/2026)" in page  # the rates, as data
    response = client.post(url, {**data, "relief_reason": ""})
    assert "Ghi lý do miễn, giảm." in response.content.decode()
    assert not DuesBasis.objects.exists()
    assert client.post(url, {**data, "relief_reason": "50 năm tuổi Đảng"}).status_code == 302
    basis = DuesBasis.objects.get()
    assert (basis.kind, basis.declared_amount, basis.relief) == ("pension", 7_000_000, "exempt")
    assert AuditEntry.objects.filter(content_type__model="duesbasis", object_id=basis.pk).exists()


def test_the_committee_member_in_charge_of_finance_keeps_the_ledger(client_for, cell, secretary, committee):
    url = reverse("dues:month", args=OCTOBER)
    assert client_for(committee).get(url).status_code == 403
    response = client_for(secretary).post(reverse("dues:treasurer"), {"treasurer": committee.pk})
    assert response.status_code == 302
    assert client_for(committee).get(url).status_code == 200
    # Only a committee member may be chosen; the choice stays as it was.
    plain = make_member(cell)
    client_for(secretary).post(reverse("dues:treasurer"), {"treasurer": plain.pk})
    assert cell.dues_settings.treasurer == committee


def test_a_member_sees_only_their_own_payments(client_for, cell, secretary, member, committee):
    for person in (member, committee):
        services.payment_record(cell=cell, member=person, first_month=date(2026, 10, 1), last_month=date(2026, 10, 1),
                                amount=77_777 if person == committee else 93_600, method="transfer",
                                paid_on=date(2026, 10, 3), collected_by=None, by=secretary.user)  # fmt: skip
    page = client_for(member).get(reverse("dues:mine"), {"year": 2026}).content.decode()
    assert "93.600" in page
    assert "77.777" not in page and "Lê Văn Cường" not in page
    assert client_for(member).get(reverse("dues:mine"), {"year": 99999}).status_code == 404


def test_the_year_page_warns_and_the_report_downloads(client_for, cell, secretary, member):
    for month in range(1, 13):
        if month not in (2, 5, 6):
            services.payment_record(cell=cell, member=member, first_month=date(2026, month, 1),
                                    last_month=date(2026, month, 1), amount=90_000, method="transfer",
                                    paid_on=date(2026, 1, 5), collected_by=None, by=secretary.user)  # fmt: skip
    client = client_for(secretary)
    page = client.get(reverse("dues:year", args=[2026])).content.decode()
    assert "đề nghị xóa tên" in page
    assert "Phạm Thị Dung: 02/2026, 05/2026, 06/2026" in page
    assert (
        "Phạm Thị Dung: 02/2026, 05/2026, 06/2026" in client.get(reverse("dues:month", args=[2026, 7])).content.decode()
    )
    response = client.get(reverse("dues:year_xlsx", args=[2026]))
    assert response["Content-Disposition"] == 'attachment; filename="dang-phi-2026.xlsx"'
    book = load_workbook(io.BytesIO(response.content))
    texts = [str(row[0].value) for row in book.worksheets[0].iter_rows() if row[0].value]
    assert "Phạm Thị Dung: 02/2026, 05/2026, 06/2026" in texts


def test_the_year_page_lists_who_changed_the_ledger_and_what(client_for, cell, secretary, member, outsider):
    """Under the year's grid, the ledger's own history: who recorded or removed which payment, the amounts as the
    ledger writes them, in Vietnamese; another cell's changes never."""
    kept = services.payment_record(cell=cell, member=member, first_month=date(2026, 3, 1),
                                   last_month=date(2026, 4, 1), amount=187_200, method="cash",
                                   paid_on=date(2026, 4, 5), collected_by=secretary, by=secretary.user)  # fmt: skip
    removed = services.payment_record(cell=cell, member=member, first_month=date(2026, 5, 1),
                                      last_month=date(2026, 5, 1), amount=93_600, method="transfer",
                                      paid_on=date(2026, 5, 3), collected_by=None, by=secretary.user)  # fmt: skip
    services.payment_cancel(payment=removed, by=secretary.user)
    services.payment_record(cell=outsider.cell, member=outsider, first_month=date(2026, 5, 1),
                            last_month=date(2026, 5, 1), amount=77_777, method="transfer",
                            paid_on=date(2026, 5, 3), collected_by=None, by=outsider.user)  # fmt: skip
    page = client_for(secretary).get(reverse("dues:year", args=[2026])).content.decode()
    log = page[page.index('id="log-title"') :]
    assert "Thay đổi trong sổ đảng phí năm 2026" in log
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", log))
    assert "· Xóa · Phạm Thị Dung: 05/2026, 93.600 đ · Nguyễn Văn An" in text
    assert "Số tiền (đồng): 93.600 → — Tháng: 05/2026 → —" in text
    assert f"· Tạo mới · {kept} · Nguyễn Văn An Số tiền (đồng): — → 187.200" in text
    assert "Tháng: — → 03/2026–04/2026" in text
    assert text.index("Xóa") < text.index("187.200")  # newest first: the removal above the first payment
    assert "77.777" not in page and "Months" not in page
    year_before = client_for(secretary).get(reverse("dues:year", args=[2025])).content.decode()
    assert "Năm này chưa có thay đổi nào trong sổ đảng phí." in year_before


def test_the_payment_form_offers_the_member_s_rate(client_for, secretary, member):
    services.basis_declare(member=member, valid_from=date(2026, 1, 1), kind="salary", declared_amount=9_360_000,
                           by=secretary.user)  # fmt: skip
    page = client_for(secretary).get(reverse("dues:pay", args=OCTOBER), {"member": member.pk}).content.decode()
    assert 'value="93.600"' in page


def test_the_attendance_page_shows_the_ledger_figure_for_the_reviewed_month(client_for, cell, secretary, held_meeting):
    services.payment_record(cell=cell, member=secretary, first_month=date(2026, 9, 1), last_month=date(2026, 9, 1),
                            amount=148_500, method="transfer", paid_on=date(2026, 9, 3), collected_by=None,
                            by=secretary.user)  # fmt: skip
    page = client_for(secretary).get(reverse("meetings:attendance", args=[held_meeting.pk])).content.decode()
    assert "Theo sổ đảng phí: 1/3 đồng chí đã nộp đảng phí tháng 09/2026, tổng số 148.500 đồng." in page
    # Nobody else paid anything this year: each is named, with the months, for the dues item.
    assert "Đồng chí Phạm Thị Dung không nộp đảng phí 9 tháng trong năm 2026 mà không có lý do" in page


def test_the_personal_data_export_holds_the_member_s_dues(client_for, cell, secretary, member):
    services.payment_record(cell=cell, member=member, first_month=date(2026, 9, 1), last_month=date(2026, 9, 1),
                            amount=93_600, method="transfer", paid_on=date(2026, 9, 3), collected_by=None,
                            by=secretary.user)  # fmt: skip
    export = client_for(member).get(reverse("my_data")).json()
    assert export["Đảng phí: các lần nộp"][0]["Số tiền (đồng)"] == 93_600


def test_a_payment_recorded_by_mistake_is_removed_after_confirmation_until_its_month_is_remitted(
    client_for, cell, secretary, member
):
    def pay(month):
        return services.payment_record(cell=cell, member=member, first_month=date(2026, month, 1),
                                       last_month=date(2026, month, 1), amount=93_600, method="transfer",
                                       paid_on=date(2026, month, 3), collected_by=None, by=secretary.user)  # fmt: skip

    mistaken, kept = pay(9), pay(10)
    client = client_for(secretary)
    url = reverse("dues:payment_delete", args=[mistaken.pk])
    assert "bị xóa khỏi sổ đảng phí" in client.get(url).content.decode()
    assert client.post(url, {}).status_code == 200  # not confirmed: nothing happens
    assert DuesPayment.objects.filter(pk=mistaken.pk).exists()
    assert client.post(url, {"confirm": "1"}).status_code == 302
    assert not DuesPayment.objects.filter(pk=mistaken.pk).exists()
    assert AuditEntry.objects.filter(action="delete", content_type__model="duespayment", object_id=mistaken.pk).exists()
    services.remittance_record(cell=cell, month=date(2026, 10, 1), amount=93_600, receipt_number="1",
                               remitted_on=date(2026, 11, 10), by=secretary.user)  # fmt: skip
    response = client.post(reverse("dues:payment_delete", args=[kept.pk]), {"confirm": "1"})
    assert "Đảng phí tháng 10/2026 đã nộp lên cấp ủy cấp trên: không xóa lần nộp này." in response.content.decode()
    assert DuesPayment.objects.filter(pk=kept.pk).exists()
