"""Which meeting takes a review sheet's proposals (issue 16, item 5): the month's regular meeting while it
is not yet held; a sheet confirmed after that meeting was held goes to the next meeting not yet held. Each
sheet says which month of work it reviews and for which meeting."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluations import services
from evaluations.models import Proposal
from meetings.models import Meeting
from meetings.services import meeting_hold, meeting_publish
from tests.factories import make_meeting

OCTOBER, NOVEMBER, DECEMBER = date(2026, 10, 1), date(2026, 11, 1), date(2026, 12, 1)


@pytest.fixture
def sheet(cell, committee, member):
    review = services.review_open(cell=cell, month=OCTOBER, by=committee)
    row = review.rows.get(member=member)
    services.review_save(
        review=review, rows={row.pk: {"proposal": Proposal.PRAISE, "note": "Tham luận chuyển đổi số"}}, by=committee
    )
    return review


def _held(cell, secretary, month):
    meeting = make_meeting(cell, month=month, by=secretary.user)
    meeting_publish(meeting=meeting, by=secretary.user)
    meeting_hold(meeting=meeting, by=secretary.user)
    return meeting


def _agenda(client_for, who, meeting) -> str:
    return client_for(who).get(meeting.get_absolute_url()).content.decode()


def test_it_sends_a_sheet_confirmed_before_the_meeting_to_its_month(client_for, cell, secretary, sheet):
    october = make_meeting(cell, month=OCTOBER, by=secretary.user)
    services.review_confirm(review=sheet, by=secretary)
    assert sheet.meeting == october
    assert "Tham luận chuyển đổi số" in _agenda(client_for, secretary, october)
    page = client_for(secretary).get(reverse("evaluations:review", args=[2026, 10])).content.decode()
    assert "Nhận xét công việc tháng 09/2026." in page  # the month of work it reviews
    assert "Các đề xuất đưa vào buổi" in page and october.get_absolute_url() in page  # and for which meeting


def test_it_sends_a_sheet_confirmed_after_its_meeting_was_held_to_the_next_meeting(client_for, cell, secretary, sheet):
    october = _held(cell, secretary, OCTOBER)  # held on 05/10/2026, before today
    november = make_meeting(cell, month=NOVEMBER, by=secretary.user)
    page = client_for(secretary).get(reverse("evaluations:review", args=[2026, 10])).content.decode()
    assert "Buổi sinh hoạt tháng 10/2026 đã họp ngày 05/10/2026: khi được xác nhận" in page
    assert november.get_absolute_url() in page  # it says where the proposals will go before confirming

    client_for(secretary).post(reverse("evaluations:review_confirm", args=[2026, 10]))
    sheet.refresh_from_db()
    assert sheet.is_confirmed and sheet.meeting == november
    assert "Tham luận chuyển đổi số" not in _agenda(client_for, secretary, october)
    agenda = _agenda(client_for, secretary, november)
    assert "Tham luận chuyển đổi số" in agenda and "xác nhận sau buổi sinh hoạt của tháng đó" in agenda
    page = client_for(secretary).get(reverse("evaluations:review", args=[2026, 10])).content.decode()
    assert "Bảng được xác nhận sau khi buổi sinh hoạt tháng 10/2026 (05/10/2026) đã họp" in page
    meeting_publish(meeting=november, by=secretary.user)
    meeting_hold(meeting=november, by=secretary.user)
    announce = client_for(secretary).get(reverse("evaluations:announce", args=[november.pk])).content.decode()
    assert "Tham luận chuyển đổi số" in announce  # filled in at the meeting that takes it


def test_it_keeps_a_late_sheet_for_the_next_meeting_prepared(client_for, cell, secretary, sheet):
    _held(cell, secretary, OCTOBER)
    services.review_confirm(review=sheet, by=secretary)
    assert sheet.meeting is None  # no meeting left to take it yet
    november = make_meeting(cell, month=NOVEMBER, by=secretary.user)  # meeting_prepare gives it the sheet
    sheet.refresh_from_db()
    assert sheet.meeting == november
    assert "Tham luận chuyển đổi số" in _agenda(client_for, secretary, november)


def test_it_skips_a_held_meeting_for_the_first_not_yet_held(cell, secretary, sheet):
    _held(cell, secretary, OCTOBER)
    _held(cell, secretary, NOVEMBER)
    december = make_meeting(cell, month=DECEMBER, by=secretary.user)
    services.review_confirm(review=sheet, by=secretary)
    assert sheet.meeting == december


def test_it_counts_a_sheet_confirmed_on_the_meeting_day_for_that_meeting(monkeypatch, cell, secretary, sheet):
    october = _held(cell, secretary, OCTOBER)  # the secretary started recording it …
    make_meeting(cell, month=NOVEMBER, by=secretary.user)
    monkeypatch.setattr(timezone, "localdate", lambda *args: october.date)  # … and confirms during it
    services.review_confirm(review=sheet, by=secretary)
    assert sheet.meeting == october


def test_it_gives_a_sheet_confirmed_before_its_meeting_existed_to_that_meeting(client_for, cell, secretary, sheet):
    services.review_confirm(review=sheet, by=secretary)
    assert sheet.meeting is None
    october = make_meeting(cell, month=OCTOBER, by=secretary.user)
    sheet.refresh_from_db()
    assert sheet.meeting == october
    listing = client_for(secretary).get(reverse("evaluations:reviews")).content.decode()
    assert october.get_absolute_url() in listing and "09/2026" in listing  # work of, proposals go to
    assert Meeting.objects.get(pk=october.pk).review_sheets.get() == sheet
