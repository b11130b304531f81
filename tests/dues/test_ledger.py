"""The dues ledger: rates as data, each member's monthly amount, payments and remittances refused whole on bad
input, the three-months rule, the minutes' dues line and the yearly workbook."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from core.months import month_after
from dues import services
from dues.models import BasisKind, DuesPayment, DuesRate, DuesRemittance, Relief
from dues.selectors import State, ledger, month_figures, months_of, remittance_due
from dues.xlsx import year_xlsx
from members.models import AuditEntry
from tests.factories import make_member

CASH = DuesPayment.Method.CASH
TRANSFER = DuesPayment.Method.TRANSFER


def _pay(cell, member, first, last=None, amount=100_000, *, by, collector=None, method=TRANSFER, on=None):
    return services.payment_record(
        cell=cell,
        member=member,
        first_month=first,
        last_month=last or first,
        amount=amount,
        method=method,
        paid_on=on or date(2026, 6, 5),
        collected_by=collector,
        by=by.user,
    )


def _declare(member, kind=BasisKind.SALARY, amount=10_000_000, *, by, valid_from=date(2026, 1, 1), **relief):
    return services.basis_declare(
        member=member, valid_from=valid_from, kind=kind, declared_amount=amount, by=by.user, **relief
    )


def test_the_rates_of_qd_01_are_seeded_as_data_with_their_source(db):
    rates = {rate.basis: rate for rate in DuesRate.objects.all()}
    assert rates["salary"].percent == Decimal("1.00")
    assert rates["pension"].percent == Decimal("0.50")
    assert rates["student"].fixed_amount == 5000
    assert {rate.source for rate in rates.values()} == {"Quy định 01-QĐ/TW ngày 03/02/2026"}
    assert {rate.valid_from for rate in rates.values()} == {date(2026, 2, 3)}


def test_each_basis_gives_its_monthly_amount(cell, secretary, member, committee):
    student = make_member(cell, full_name="Sinh viên A")
    retired = make_member(cell, full_name="Hưu trí B")
    _declare(member, BasisKind.SALARY, 9_360_000, by=secretary)
    _declare(retired, BasisKind.PENSION, 7_500_001, by=secretary)
    _declare(student, BasisKind.STUDENT, 0, by=secretary)
    _declare(committee, BasisKind.FIXED, 50_000, by=secretary)
    rows = {row.member.pk: row.months[0] for row in ledger(cell, [date(2026, 6, 1)])}
    assert rows[member.pk].due == 93_600
    assert rows[retired.pk].due == 37_500  # 0.5 % rounded to the đồng
    assert rows[student.pk].due == 5_000
    assert rows[committee.pk].due == 50_000
    assert rows[secretary.pk].due is None  # nothing declared


def test_a_new_rate_applies_from_its_month_and_the_clerk_can_change_it(cell, secretary, member):
    _declare(member, BasisKind.SALARY, 10_000_000, by=secretary)
    DuesRate.objects.create(
        basis="salary", percent=Decimal("1.5"), source="Quy định giả định", valid_from=date(2026, 9, 1)
    )
    before, after = ledger(cell, [date(2026, 8, 1), date(2026, 9, 1)], members=[member])[0].months
    assert (before.due, after.due) == (100_000, 150_000)


def test_exemption_and_reduction_hold_for_their_period(cell, secretary, member, committee):
    _declare(member, amount=10_000_000, by=secretary, relief=Relief.REDUCE_50, relief_reason="Đơn ngày 02/01/2026",
             relief_until=date(2026, 3, 1))  # fmt: skip
    _declare(committee, amount=10_000_000, by=secretary, relief=Relief.EXEMPT, relief_reason="50 năm tuổi Đảng")
    months = [date(2026, 3, 1), date(2026, 4, 1)]
    rows = {row.member.pk: row.months for row in ledger(cell, months, today=date(2026, 12, 1))}
    assert [e.due for e in rows[member.pk]] == [50_000, 100_000]
    assert [e.state for e in rows[committee.pk]] == [State.EXEMPT, State.EXEMPT]


@pytest.mark.parametrize(
    ("relief", "reason", "until", "message"),
    [
        (Relief.EXEMPT, "", None, "Ghi lý do"),
        (Relief.REDUCE_30, "Đơn", None, "tối đa 12 tháng"),
        (Relief.REDUCE_30, "Đơn", date(2027, 6, 1), "tối đa 12 tháng"),
    ],
)
def test_a_relief_needs_a_reason_and_a_reduction_an_end(cell, secretary, member, relief, reason, until, message):
    with pytest.raises(ValidationError, match=message):
        _declare(member, by=secretary, relief=relief, relief_reason=reason, relief_until=until)


def test_one_payment_covers_several_months_and_is_audited(cell, secretary, member):
    payment = _pay(cell, member, date(2026, 4, 1), date(2026, 6, 1), 100_001, by=secretary)
    row = ledger(cell, [date(2026, 4, 1), date(2026, 5, 1), date(2026, 6, 1)], members=[member])[0]
    assert [e.paid for e in row.months] == [33_335, 33_333, 33_333]
    assert row.paid == 100_001
    entry = AuditEntry.objects.get(object_id=payment.pk, content_type__model="duespayment")
    assert entry.changes["amount"] == [None, 100_001]


@pytest.mark.parametrize(
    ("amount", "message"),
    [(0, "phải lớn hơn 0"), (-5, "phải lớn hơn 0"), (100_000_001, "không hợp lý")],
)
def test_a_negative_zero_or_absurd_amount_is_refused(cell, secretary, member, amount, message):
    with pytest.raises(ValidationError, match=message):
        _pay(cell, member, date(2026, 6, 1), amount=amount, by=secretary)
    assert not DuesPayment.objects.exists()
    assert not AuditEntry.objects.filter(content_type__model="duespayment").exists()


def test_a_month_before_the_member_joined_is_refused(cell, secretary):
    newcomer = make_member(cell, admission_date=date(2026, 5, 19), official_date=None)
    with pytest.raises(ValidationError, match="vào Đảng tháng 05/2026"):
        _pay(cell, newcomer, date(2026, 4, 1), date(2026, 5, 1), by=secretary)
    _pay(cell, newcomer, date(2026, 5, 1), by=secretary)  # the month they joined is due
    assert DuesPayment.objects.count() == 1


def test_a_month_too_far_ahead_a_future_date_or_cash_without_collector_is_refused(cell, secretary, member):
    today = timezone.localdate()
    far = today.replace(day=1)
    for _ in range(13):
        far = month_after(far)
    with pytest.raises(ValidationError, match="tối đa 12 tháng"):
        _pay(cell, member, far, by=secretary, on=today)
    with pytest.raises(ValidationError, match="tương lai"):
        _pay(cell, member, today.replace(day=1), by=secretary, on=date(today.year + 1, 1, 1))
    with pytest.raises(ValidationError, match="người thu"):
        _pay(cell, member, today.replace(day=1), by=secretary, on=today, method=CASH)
    assert not DuesPayment.objects.exists()


def test_a_member_of_another_cell_cannot_be_paid_for_here(cell, secretary, outsider):
    with pytest.raises(ValidationError):
        _pay(cell, outsider, date(2026, 6, 1), by=secretary)


def test_a_month_is_remitted_once(cell, secretary):
    services.remittance_record(
        cell=cell, month=date(2026, 6, 1), amount=964_000, receipt_number="12/PT", remitted_on=date(2026, 7, 10),
        by=secretary.user,
    )  # fmt: skip
    with pytest.raises(ValidationError, match="đã được ghi nộp cấp trên"):
        services.remittance_record(
            cell=cell, month=date(2026, 6, 1), amount=1, receipt_number="13/PT", remitted_on=date(2026, 7, 11),
            by=secretary.user,
        )  # fmt: skip
    assert DuesRemittance.objects.get().receipt_number == "12/PT"


def test_three_unpaid_months_of_a_year_without_reason_raise_the_warning(cell, secretary, member, committee):
    today = date(2026, 11, 30)
    for month in months_of(2026)[:10]:
        if month not in (date(2026, 3, 1), date(2026, 7, 1), date(2026, 8, 1)):
            _pay(cell, member, month, by=secretary)
        if month not in (date(2026, 3, 1), date(2026, 7, 1)):
            _pay(cell, committee, month, by=secretary)
    rows = {row.member.pk: row for row in ledger(cell, months_of(2026), today=today)}
    assert rows[member.pk].unpaid == [date(2026, 3, 1), date(2026, 7, 1), date(2026, 8, 1)]
    assert rows[member.pk].warned
    assert not rows[committee.pk].warned  # two months and the current one: not yet
    # An exemption is a reason: those months no longer count.
    _declare(member, by=secretary, valid_from=date(2026, 7, 1), relief=Relief.EXEMPT, relief_reason="Hộ nghèo",
             relief_until=date(2026, 8, 1))  # fmt: skip
    assert not ledger(cell, months_of(2026), members=[member], today=today)[0].warned


def test_the_meeting_reports_the_month_from_the_ledger(cell, secretary, committee, member):
    _declare(member, amount=9_360_000, by=secretary)
    _pay(cell, member, date(2026, 10, 1), amount=93_600, by=secretary)
    _pay(cell, committee, date(2026, 10, 1), amount=1_156_400, by=secretary)
    figures = month_figures(cell, date(2026, 10, 1))
    assert figures.sentence == "2/3 đồng chí đã nộp đảng phí tháng 10/2026, tổng số 1.250.000 đồng"


def test_a_cell_that_keeps_no_ledger_keeps_its_typed_dues_line(cell, secretary):
    assert not month_figures(cell, date(2026, 10, 1)).kept


def test_the_minutes_and_resolution_take_the_reviewed_month_from_the_ledger(cell, secretary, committee, member):
    from meetings.minutes import compose_minutes
    from meetings.models import Meeting
    from meetings.pdf import resolution_printable
    from meetings.selectors import attendance_sheet, record_of, with_record
    from tests.factories import make_recorded_meeting

    _pay(cell, member, date(2026, 9, 1), amount=93_600, by=secretary)  # the meeting of 10/2026 reviews 09/2026
    meeting = make_recorded_meeting(cell, month=date(2026, 10, 1), by=secretary.user)
    shaped = with_record(Meeting.objects.filter(pk=meeting.pk)).get()
    text = compose_minutes(shaped, record_of(shaped), attendance_sheet(shaped))
    line = "Tình hình đảng phí: 1/3 đồng chí đã nộp đảng phí tháng 09/2026, tổng số 93.600 đồng. Đã nộp đủ."
    assert line in text.splitlines()
    assert resolution_printable(shaped).context["dues"] == line.removeprefix("Tình hình đảng phí: ")


def test_the_home_page_asks_for_last_months_remittance_until_recorded(cell, secretary, member, committee):
    today = timezone.localdate()
    last = date(today.year - (today.month == 1), (today.month - 2) % 12 + 1, 1)
    assert remittance_due(secretary, today) is None  # nothing collected: nothing to remit
    _pay(cell, member, last, by=secretary, on=today)
    assert remittance_due(secretary, today) == last
    assert remittance_due(committee, today) is None  # not in charge of finance
    services.treasurer_set(cell=cell, treasurer=committee, by=secretary.user)
    assert remittance_due(committee, today) == last
    assert remittance_due(member, today) is None
    services.remittance_record(cell=cell, month=last, amount=100_000, receipt_number="1", remitted_on=today,
                               by=secretary.user)  # fmt: skip
    assert remittance_due(secretary, today) is None


def test_the_yearly_workbook_reads_back_per_member_and_month(cell, secretary, member):
    _declare(member, amount=9_360_000, by=secretary)
    _pay(cell, member, date(2026, 1, 1), date(2026, 2, 1), amount=187_200, by=secretary)
    services.remittance_record(cell=cell, month=date(2026, 1, 1), amount=93_600, receipt_number="=1+1",
                               remitted_on=date(2026, 2, 10), by=secretary.user)  # fmt: skip
    rows = ledger(cell, months_of(2026), today=date(2026, 11, 30))
    from dues.selectors import remittances_of

    book = load_workbook(io.BytesIO(year_xlsx(cell, 2026, rows, remittances_of(cell, 2026))))
    grid = book.worksheets[0]
    assert grid.title == "Đảng phí 2026"
    assert grid["A1"].value == "Đảng phí của Chi bộ 4 năm 2026 (đồng)"
    assert [c.value for c in grid[3]][:4] == ["Đảng viên", "Căn cứ tính", "Tháng 1", "Tháng 2"]
    by_name = {row[0].value: row for row in grid.iter_rows(min_row=4) if row[0].value}
    dung = by_name["Phạm Thị Dung"]
    assert [c.value for c in dung[2:5]] == [93_600, 93_600, "chưa nộp"]
    assert dung[14].value == 187_200
    assert by_name["Tổng cộng"][2].value == 93_600
    assert by_name["Đã nộp cấp trên"][2].value == 93_600
    assert any("Phạm Thị Dung" in str(row[0].value) for row in grid.iter_rows() if row[0].value)
    payments = book.worksheets[1]
    assert [c.value for c in payments[2]][:3] == ["Phạm Thị Dung", "01/2026–02/2026", 187_200]
    receipts = book.worksheets[2]
    assert receipts["C2"].value == "'=1+1"  # a receipt number never becomes a formula


def test_the_meeting_s_figures_name_who_has_three_months_unpaid(cell, secretary, member, committee):
    for month in (1, 2, 3, 4, 5):
        _pay(cell, committee, date(2026, month, 1), by=secretary)
        if month in (1, 5):
            _pay(cell, member, date(2026, month, 1), by=secretary)
    figures = month_figures(cell, date(2026, 5, 1), today=date(2026, 6, 5))
    assert [(person.pk, months) for person, months in figures.warned] == [
        (secretary.pk, months_of(2026)[:5]),  # Nguyễn Văn An before Phạm Thị Dung: by given name
        (member.pk, [date(2026, 2, 1), date(2026, 3, 1), date(2026, 4, 1)]),
    ]
    assert committee.pk not in [person.pk for person, _months in figures.warned]
    # Months not yet ended do not count: in April only January to March are late.
    early = month_figures(cell, date(2026, 5, 1), today=date(2026, 4, 20))
    assert member.pk not in [person.pk for person, _months in early.warned]


def test_the_attendance_page_puts_the_strike_off_warning_at_its_top(client_for, cell, secretary, member, committee):
    """Three months unpaid without a reason lead to a proposal to strike off: the attendance sheet of the meeting
    that reviews the month says so in a warning above the form, not in the dues field's small print."""
    from meetings import services as meeting_services
    from tests.factories import make_meeting

    for month in months_of(2026)[:10]:
        if month not in (date(2026, 3, 1), date(2026, 7, 1), date(2026, 8, 1)):
            _pay(cell, member, month, by=secretary)
        _pay(cell, committee, month, by=secretary)
        _pay(cell, secretary, month, by=secretary)
    meeting = make_meeting(cell, month=date(2026, 11, 1))
    meeting_services.meeting_publish(meeting=meeting, by=secretary.user)
    meeting_services.meeting_hold(meeting=meeting, by=secretary.user)
    page = client_for(secretary).get(reverse("meetings:attendance", args=[meeting.pk])).content.decode()
    top = page[page.index('class="alert alert-warning"') : page.index('<form method="post" novalidate>')]
    assert f"{member.full_name}" in top and "đề nghị xóa tên" in top and "03/2026, 07/2026, 08/2026" in top
    assert page.count("đề nghị xóa tên") == 1  # once, not also under the dues field
