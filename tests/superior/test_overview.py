"""The superior committee (đảng ủy): its officer's overview of the cells, its exports and its limits."""

import io
import re
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from chibo.superior.periods import MONTH, QUARTER, YEAR, Period, parse_period
from chibo.superior.selectors import overview
from members import twofactor
from tests.factories import make_cell, make_member, make_officer, make_organisation, make_recorded_meeting
from tests.pdfs import read_pdf

PASSWORD = "mat-khau-dung-2026"
TODAY = date(2026, 11, 30)


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.mark.parametrize(
    ("given", "period"),
    [("2026-11", Period(MONTH, 2026, 11)), ("2026-q4", Period(QUARTER, 2026, 4)), ("2026", Period(YEAR, 2026, 0)),
     ("2026-Q1", Period(QUARTER, 2026, 1)), ("", Period(MONTH, 2026, 11))],
)  # fmt: skip
def test_it_reads_a_month_a_quarter_or_a_year(given, period):
    assert parse_period(given, TODAY) == (period, "")


@pytest.mark.parametrize("junk", ["junk", "2026-13", "2026-q5", "1800", "9999-01", "2026-00", "'; drop", "x" * 500])
def test_it_shows_the_current_month_with_a_message_for_a_junk_period(junk):
    period, problem = parse_period(junk, TODAY)
    assert period == Period(MONTH, 2026, 11) and problem


def test_its_quarter_ends_on_the_last_day(settings):
    assert Period(QUARTER, 2026, 4).end == date(2026, 12, 31) and Period(QUARTER, 2026, 1).end == date(2026, 3, 31)
    assert Period(MONTH, 2026, 2).end == date(2026, 2, 28)


@pytest.fixture
def two_cells(cell, secretary, committee, member, organisation):
    """This cell meets on time in October; a second cell of the đảng bộ approves its minutes late and skipped
    September."""
    make_recorded_meeting(cell, month=date(2026, 10, 1), by=secretary.user, approve=True)
    late = make_cell(name="Chi bộ 9")
    from members.services import cell_join_organisation

    cell_join_organisation(cell=late, organisation=organisation)
    chief = make_member(late, role="secretary", full_name="Bế Văn Nam")
    make_member(late)
    make_recorded_meeting(late, month=date(2026, 10, 1), by=chief.user, approve=True)
    from meetings.demo import backdate_approval
    from meetings.models import Meeting

    meeting = Meeting.objects.get(cell=late, month=date(2026, 10, 1))
    backdate_approval(meeting, date(2026, 10, 20))
    return cell, late


def test_it_tells_which_cell_falls_behind_and_why(two_cells, organisation):
    ours, late = two_cells
    rows = {row.cell: row for row in overview(organisation, Period(MONTH, 2026, 10), TODAY)}
    assert rows[ours].months[0].on_time and rows[ours].months[0].minutes_days is not None
    assert rows[late].months[0].minutes_days >= 10
    assert any(f.startswith("Biên bản thông qua sau buổi họp quá 2 ngày: tháng 10/2026 (") for f in rows[late].flags)
    september = {row.cell: row for row in overview(organisation, Period(MONTH, 2026, 9), TODAY)}
    assert "Không sinh hoạt thường kỳ tháng 09/2026" in september[late].flags


def test_the_days_to_approval_count_in_the_cells_time_not_utc(cell, secretary, organisation):
    """Minutes approved at 06:00 in Việt Nam (23:00 the day before in UTC) were approved that day, not the one
    before; the quality points are the sheet's total."""
    from datetime import datetime, time, timedelta

    from django.utils import timezone

    from core import frozen
    from meetings.models import MeetingRecord

    meeting = make_recorded_meeting(cell, month=date(2026, 10, 1), by=secretary.user, approve=True)
    early = timezone.make_aware(datetime.combine(meeting.date + timedelta(days=3), time(6, 0)))
    scores = [{"label": "Thời gian", "max": 5, "points": 4}, {"label": "Nội dung", "max": 10, "points": 7}]
    with frozen.skipping("meetings.MeetingRecord:frozen_minutes"):
        MeetingRecord.objects.filter(meeting=meeting).update(approved_at=early, quality_scores=scores)
    (row,) = overview(organisation, Period(MONTH, 2026, 10), TODAY)
    assert row.months[0].minutes_days == 3
    assert row.quality_points == 11


def test_a_period_counts_its_own_overdue_tasks_and_no_quarter_before_it_ends(cell, member, organisation):
    """A task due in October and still open is overdue in October's row and the year's, not in November's nor in
    next year's; a quarter not over, with no thematic meeting yet, reads "not held yet", never "0 of 0"."""
    from assignments.models import Task
    from chibo.superior.exports import thematic_text
    from tests.factories import make_task

    task = make_task(cell, member, assigned_on=date(2026, 10, 1), due_date=date(2026, 10, 20))
    Task.objects.filter(pk=task.pk).update(due_date=date(2026, 10, 20))
    counts = {
        period: overview(organisation, period, TODAY)[0].overdue_tasks
        for period in [Period(MONTH, 2026, 10), Period(MONTH, 2026, 11), Period(YEAR, 2026, 0), Period(YEAR, 2027, 0)]
    }
    assert list(counts.values()) == [1, 0, 1, 0]
    (next_year,) = overview(organisation, Period(YEAR, 2027, 0), TODAY)
    assert not any("quá hạn" in flag for flag in next_year.flags)
    (quarter,) = overview(organisation, Period(QUARTER, 2026, 4), TODAY)
    assert thematic_text(quarter, Period(QUARTER, 2026, 4)) == "Chưa sinh hoạt"


def test_a_reason_names_a_few_months_and_sums_up_many():
    from chibo.superior.selectors import _listed

    two = ["tháng 01/2026 (4 ngày)", "tháng 02/2026 (4 ngày)"]
    assert _listed(two) == "tháng 01/2026 (4 ngày), tháng 02/2026 (4 ngày)"
    months = [f"tháng {m:02d}/2026 (4 ngày)" for m in range(1, 11)]
    assert _listed(months) == "10 tháng, từ tháng 01/2026 (4 ngày) đến tháng 10/2026 (4 ngày)"


def test_the_page_says_it_in_words_not_colour_alone(two_cells, officer, client_for):
    page = text_of(client_for(officer).get(reverse("superior:overview") + "?period=2026-10"))
    assert "Cần đôn đốc" in page and "Chi bộ 9" in page
    assert "Biên bản thông qua sau buổi họp quá 2 ngày: tháng 10/2026" in page


def test_a_junk_period_is_a_message_not_an_error(officer, client_for):
    response = client_for(officer).get(reverse("superior:overview") + "?period=hôm-qua")
    assert response.status_code == 200 and "Không hiểu kỳ" in text_of(response)


def test_the_workbook_and_the_report_carry_every_cell(two_cells, officer, client_for):
    client = client_for(officer)
    book = load_workbook(io.BytesIO(client.get(reverse("superior:overview_xlsx") + "?period=2026-10").content))
    values = [c for row in book.active.iter_rows(values_only=True) for c in row if c]
    assert "Chi bộ 4" in values and "Chi bộ 9" in values and "Sinh hoạt thường kỳ đúng hạn" in values
    header = [c.value for c in book.active[4]]
    rates = [row[header.index("Tỷ lệ dự họp")] for row in book.active.iter_rows(min_row=5, values_only=True)]
    assert rates and all(isinstance(rate, int | float) and 0 < rate <= 1 for rate in rates)  # numbers, not "100%"
    pdf = client.get(reverse("superior:overview_pdf") + "?period=2026-q4")
    assert pdf["Content-Type"] == "application/pdf"
    _pages, text = read_pdf(pdf.content)
    text = re.sub(r"\s+", " ", text)
    assert text.index("ĐẢNG BỘ KHỐI CÁC CƠ QUAN") < text.index("ĐẢNG ỦY VIỆN KIỂM SÁT")  # its superior first
    assert "Đảng ủy Khối các cơ quan tỉnh Tuyên Quang (để báo cáo)" in text  # sent to its committee
    for expected in ["ĐẢNG ỦY VIỆN KIỂM SÁT", "BÁO CÁO", "tình hình sinh hoạt chi bộ quý IV năm 2026", "Số", "-BC/ĐU",
                     "T/M ĐẢNG ỦY", "PHÓ BÍ THƯ", "Lý Văn Sơn", "Chi bộ 9", "NHỮNG CHI BỘ CẦN ĐÔN ĐỐC"]:  # fmt: skip
        assert expected in text, expected


def test_a_report_on_a_period_not_over_says_to_which_day_it_counts(two_cells, officer, organisation):
    from chibo.superior.pdf import render_report_pdf

    quarter = Period(QUARTER, 2026, 4)
    rows = overview(organisation, quarter, TODAY)
    _pages, early = read_pdf(render_report_pdf(officer, quarter, rows, date(2026, 12, 1)))
    assert "(số liệu tính đến ngày 30/11/2026)" in re.sub(r"\s+", " ", early)
    _pages, after = read_pdf(render_report_pdf(officer, quarter, rows, date(2027, 1, 5)))
    assert "tính đến ngày" not in after


def test_the_drill_down_shows_approved_documents_never_drafts(cell, secretary, committee, member, officer, client_for):
    approved = make_recorded_meeting(cell, month=date(2026, 9, 1), by=secretary.user, approve=True)
    held = make_recorded_meeting(cell, month=date(2026, 10, 1), by=secretary.user)
    client = client_for(officer)
    page = client.get(reverse("superior:cell", args=[cell.pk]) + "?period=2026")
    assert reverse("superior:minutes_pdf", args=[approved.pk]) in page.content.decode()
    assert reverse("superior:minutes_pdf", args=[held.pk]) not in page.content.decode()
    assert client.get(reverse("superior:minutes_pdf", args=[approved.pk])).status_code == 200
    assert client.get(reverse("superior:minutes_pdf", args=[held.pk])).status_code == 404
    assert client.get(reverse("superior:resolution_pdf", args=[held.pk])).status_code == 404
    # nothing of a member's review: the cell's own review pages refuse the officer
    assert client.get(reverse("evaluations:member", args=[member.pk])).status_code == 403
    assert client.get(reverse("evaluations:review", args=[2026, 11])).status_code == 403


def test_the_officer_never_edits_a_cell(world, officer, client_for):
    client = client_for(officer)
    refused = [("meetings:edit", [world["meeting"].pk]), ("members:edit", [world["member"].pk]),
               ("meetings:approve", [world["held"].pk]), ("meetings:addendum", [world["approved"].pk])]  # fmt: skip
    for name, args in refused:
        assert client.post(reverse(name, args=args), {"text": "Sửa"}).status_code == 403, name
    assert client.post(reverse("superior:overview"), {}).status_code == 405
    world["meeting"].refresh_from_db()


def test_an_officer_of_another_party_organisation_sees_nothing_of_this_one(two_cells, officer, client_for):
    """Isolation as tests/test_isolation.py checks it between cells, here between đảng bộ."""
    ours, late = two_cells
    elsewhere = make_cell(name="Chi bộ Mường Thanh")
    other = make_officer(make_organisation(elsewhere, name="Đảng bộ Sở Tư pháp"), full_name="Khổng Văn Xuân")
    chief = make_member(elsewhere, role="secretary", full_name="Tôn Thất Mường")
    theirs = make_recorded_meeting(elsewhere, month=date(2026, 10, 1), by=chief.user, approve=True)
    client = client_for(other)
    from meetings.models import Meeting

    ours_approved = Meeting.objects.filter(cell=ours, status="approved").first()
    for url in [reverse("superior:cell", args=[ours.pk]), reverse("superior:cell", args=[late.pk]),
                reverse("superior:minutes_pdf", args=[ours_approved.pk]),
                reverse("superior:resolution_pdf", args=[ours_approved.pk])]:  # fmt: skip
        assert client.get(url).status_code == 404, url
    seen = []
    for name in ["superior:overview", "superior:overview_xlsx", "superior:overview_pdf"]:
        for period in ["2026-10", "2026-q4", "2026"]:
            response = client.get(reverse(name) + f"?period={period}")
            assert response.status_code == 200
            seen.append(_content(response))
    seen.append(_content(client.get(reverse("superior:cell", args=[elsewhere.pk]) + "?period=2026")))
    seen.append(_content(client.get(reverse("superior:minutes_pdf", args=[theirs.pk]))))
    text = " ".join(seen)
    assert "Chi bộ Mường Thanh" in text and "Tôn Thất Mường" in text  # its own cell is there…
    for name in ["Chi bộ 4", "Chi bộ 9", "Nguyễn Văn An", "Bế Văn Nam", "Lý Văn Sơn"]:  # …and nothing of ours
        assert name not in text, name


def _content(response) -> str:
    kind = response["Content-Type"]
    if kind.startswith("application/pdf"):
        return read_pdf(response.content)[1]
    if "spreadsheetml" in kind:
        book = load_workbook(io.BytesIO(response.content))
        return " ".join(str(c) for s in book for row in s.iter_rows(values_only=True) for c in row if c)
    return response.content.decode()


def test_an_officer_logs_in_and_lands_on_the_overview(organisation, settings):
    settings.DEBUG = True
    officer = make_officer(organisation, username="danguy-test")
    organisation.two_factor_required = False
    organisation.save()
    officer.user.set_password(PASSWORD)
    officer.user.save()
    client = Client()
    client.post(reverse("login"), {"username": "danguy-test", "password": PASSWORD})
    response = client.get(reverse("home"))
    assert response["Location"] == reverse("superior:overview")
    page = client.get(response["Location"])
    assert page.status_code == 200 and "Lý Văn Sơn" in page.content.decode()  # the menu names the officer


def test_an_officer_confirms_the_login_with_a_code_when_the_organisation_asks(organisation):
    officer = make_officer(organisation, username="officer-2fa")
    assert twofactor.step_for(officer.user) == twofactor.ENROL
    organisation.two_factor_required = False
    organisation.save()
    officer.refresh_from_db()
    assert twofactor.step_for(officer.user) == twofactor.DONE


def test_a_demo_officer_is_refused_when_debug_is_off(organisation, settings):
    officer = make_officer(organisation, username="danguy-demo", is_demo=True)
    officer.user.set_password(PASSWORD)
    officer.user.save()
    settings.DEBUG = False
    response = Client().post(reverse("login"), {"username": "danguy-demo", "password": PASSWORD})
    assert response.status_code == 200
    assert "Tài khoản mẫu chỉ dùng được khi chạy thử (DEBUG bật)." in response.content.decode()
    settings.DEBUG = True
    assert Client().post(reverse("login"), {"username": "danguy-demo", "password": PASSWORD}).status_code == 302


def test_a_cell_joining_names_the_organisation_in_its_headers(cell):
    organisation = make_organisation(cell, name="Đảng bộ Viện KSND tỉnh Tuyên Quang")
    cell.refresh_from_db()
    assert cell.organisation == organisation and cell.superior_name == "Đảng bộ Viện KSND tỉnh Tuyên Quang"
