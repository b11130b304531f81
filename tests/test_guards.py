"""The guards, one behaviour at a time: the mutants of ``make mutants`` (bench/MUTANTS.md) that the rest of
the suite let through. Who may pass the view helpers, who is active, official, away and entitled to vote on
the very day a date falls, when a record is locked, and each rule of the yearly classification on its own."""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.test import RequestFactory
from django.utils import timezone

from evaluations.models import Violation
from evaluations.selectors import YearRecord, _propose
from evaluations.services import rating_levels
from meetings import services
from meetings.models import Meeting, MeetingRecord
from meetings.selectors import attendance_sheet, with_record
from members.models import Member
from members.permissions import (
    committee_required,
    get_editable_member,
    get_member_for_user,
    manager_required,
    member_required,
)
from tests.factories import make_meeting, make_member

ON = date(2026, 11, 5)


# The view helpers --------------------------------------------------------------------------------------


def _who_am_i(request):
    """A view that answers with the acting member's name."""
    return HttpResponse(request.member.full_name)


def _request(person=None):
    request = RequestFactory().get("/guarded/")
    request.user = person.user if person is not None else AnonymousUser()
    return request


@pytest.mark.parametrize(
    ("guard", "allowed"),
    [
        (member_required, {"secretary", "deputy", "committee", "member"}),
        (committee_required, {"secretary", "deputy", "committee"}),
        (manager_required, {"secretary", "deputy"}),
    ],
)
def test_it_lets_through_each_guard_exactly_the_roles_it_names(cell, secretary, committee, member, guard, allowed):
    people = {"secretary": secretary, "committee": committee, "member": member}
    people["deputy"] = make_member(cell, role=Member.Role.DEPUTY)
    view = guard(_who_am_i)
    for name, person in people.items():
        request = _request(person)
        if name in allowed:
            assert view(request).content.decode() == person.full_name, name
            assert request.member == person
        else:
            with pytest.raises(PermissionDenied):
                view(request)


@pytest.mark.parametrize("guard", [member_required, committee_required, manager_required])
def test_it_sends_an_anonymous_visitor_to_the_login_page(guard, db):
    response = guard(_who_am_i)(_request())
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize("guard", [member_required, committee_required, manager_required])
def test_it_refuses_a_secretary_who_left_the_cell(guard, cell):
    gone = make_member(cell, role=Member.Role.DEPUTY, left_on=timezone.localdate())
    with pytest.raises(PermissionDenied):
        guard(_who_am_i)(_request(gone))


@pytest.mark.parametrize("guard", [member_required, committee_required, manager_required])
def test_it_keeps_the_name_of_the_view_it_guards(guard):
    assert guard(_who_am_i).__name__ == "_who_am_i"
    assert guard(_who_am_i).__doc__ == _who_am_i.__doc__


def test_it_finds_a_member_only_in_the_acting_members_cell(secretary, member, outsider):
    request = _request(secretary)
    request.member = secretary
    assert get_member_for_user(request, member.pk) == member
    assert get_editable_member(request, member.pk) == member
    request.member = outsider
    for lookup in (get_member_for_user, get_editable_member):
        with pytest.raises(Http404):
            lookup(request, member.pk)


def test_it_shows_an_ordinary_member_only_their_own_record(member, committee):
    request = _request(member)
    request.member = member
    assert get_member_for_user(request, member.pk) == member
    with pytest.raises(Http404):  # another member's record is not there for them (issue 17, finding 10)
        get_member_for_user(request, committee.pk)
    for pk in (member.pk, committee.pk):
        with pytest.raises(PermissionDenied):
            get_editable_member(request, pk)


def test_it_lets_only_a_manager_edit_a_member(committee, member):
    request = _request(committee)
    request.member = committee
    assert get_member_for_user(request, member.pk) == member  # the committee reads every record
    with pytest.raises(PermissionDenied):
        get_editable_member(request, member.pk)


# Who a member is, on the day a date falls ---------------------------------------------------------------


def test_it_ends_the_rights_of_a_member_on_the_day_they_leave(cell):
    today = timezone.localdate()
    leaving = make_member(cell, role=Member.Role.SECRETARY, left_on=today)
    staying = make_member(cell, role=Member.Role.DEPUTY, left_on=today + timedelta(days=1))
    assert not leaving.is_active and not leaving.may_manage and not leaving.may_prepare
    assert staying.is_active and staying.may_manage and staying.may_prepare


def test_it_keeps_each_cells_committee_out_of_the_other_cells_records(member, committee, outsider, secretary):
    assert outsider.may_prepare and secretary.may_prepare and committee.may_prepare
    for reader, record in [(outsider, member), (outsider, secretary), (secretary, outsider), (committee, outsider)]:
        assert not reader.may_view_member(record), (reader, record)
    assert not member.may_view_member(outsider)
    assert secretary.may_view_member(secretary) and secretary.may_view_member(member)


# (overrides on ON itself, entitled, a word of the reason): every date boundary of the vote rules
BOUNDARIES = [
    ({"admission_date": ON, "official_date": ON}, True, "đảng viên chính thức"),
    ({"left_on": ON}, False, "không là đảng viên"),
    ({"left_on": ON + timedelta(days=1)}, True, "đảng viên chính thức"),
    ({"official_date": ON, "admission_date": date(2025, 11, 5)}, True, "đảng viên chính thức"),
    ({"official_date": ON + timedelta(days=1), "admission_date": date(2025, 11, 6)}, False, "dự bị"),
    ({"temporary": Member.Temporary.AWAY, "temporary_from": ON}, False, "nơi khác"),
    ({"temporary": Member.Temporary.AWAY, "temporary_from": ON + timedelta(days=1)}, True, "đảng viên chính thức"),
    (
        {"temporary": Member.Temporary.AWAY, "temporary_from": date(2026, 1, 1), "temporary_until": ON},
        False,
        "nơi khác",
    ),
    (
        {"temporary": Member.Temporary.AWAY, "temporary_from": ON, "temporary_until": ON + timedelta(days=30)},
        False,
        "nơi khác",
    ),
    (
        {
            "temporary": Member.Temporary.AWAY,
            "temporary_from": date(2026, 1, 1),
            "temporary_until": ON - timedelta(days=1),
        },
        True,
        "đảng viên chính thức",
    ),
    ({"temporary": Member.Temporary.AWAY}, True, "đảng viên chính thức"),  # no start date: not away
    ({"temporary": Member.Temporary.NONE, "temporary_from": date(2026, 1, 1)}, True, "đảng viên chính thức"),  # back
    ({"temporary": Member.Temporary.HOSTED}, False, "chi bộ chính thức"),
    ({"suspended_since": ON}, False, "đình chỉ"),
    ({"detained_since": ON}, False, "tạm giam"),
    ({"detained_since": ON + timedelta(days=1)}, True, "đảng viên chính thức"),
    ({"exempt_since": ON}, True, "chỉ tính khi có mặt"),
    ({"exempt_since": ON + timedelta(days=1)}, True, "đảng viên chính thức"),
]


@pytest.mark.parametrize(("overrides", "entitled", "reason"), BOUNDARIES)
def test_it_decides_the_vote_on_the_day_a_date_falls(cell, overrides, entitled, reason):
    person = make_member(cell, **overrides)
    status = person.vote_status(ON)
    assert (status.entitled, reason in str(status.reason)) == (entitled, True), str(status.reason)
    assert Member.objects.filter(pk=person.pk).entitled_voters(ON).exists() is entitled


def test_it_filters_members_by_state_on_the_day_a_date_falls(cell):
    joins = make_member(cell, admission_date=ON, official_date=None)
    leaves = make_member(cell, left_on=ON)
    stays = make_member(cell, left_on=ON + timedelta(days=1))
    official = make_member(cell, admission_date=date(2025, 11, 5), official_date=ON)
    almost = make_member(cell, admission_date=date(2025, 11, 6), official_date=ON + timedelta(days=1))
    away = make_member(cell, temporary=Member.Temporary.AWAY, temporary_from=ON, temporary_until=ON)
    back = make_member(cell, temporary=Member.Temporary.AWAY, temporary_from=ON - timedelta(days=9))
    back.temporary_until = ON - timedelta(days=1)
    back.save()
    hosted = make_member(cell, temporary=Member.Temporary.HOSTED, temporary_from=ON)
    members = Member.objects.filter(cell=cell)

    def names(queryset):
        return set(queryset.values_list("pk", flat=True))

    everyone = {joins.pk, leaves.pk, stays.pk, official.pk, almost.pk, away.pk, back.pk, hosted.pk}
    assert names(members.active(ON)) == everyone - {leaves.pk}
    assert names(members.official(ON)) == everyone - {joins.pk, almost.pk}
    assert names(members.probationary(ON)) == {joins.pk, almost.pk}
    assert names(members.away(ON)) == {away.pk}
    assert names(members.entitled_voters(ON)) == {stays.pk, official.pk, back.pk}


def test_it_reads_the_state_of_today_when_no_date_is_given(cell):
    today = timezone.localdate()
    joined = make_member(cell, admission_date=today, official_date=None)
    left = make_member(cell, left_on=today)
    away = make_member(cell, temporary=Member.Temporary.AWAY, temporary_from=today)
    official = make_member(cell)
    members = Member.objects.filter(cell=cell)
    assert set(members.active()) == {joined, away, official}
    assert set(members.official()) == {left, away, official}
    assert set(members.probationary()) == {joined}
    assert set(members.away()) == {away}
    assert set(members.entitled_voters()) == {official}


def test_it_counts_the_vote_base_on_the_day_a_date_falls(cell, secretary):
    meeting = make_meeting(cell, month=date(2026, 10, 1))
    services.meeting_publish(meeting=meeting, by=secretary.user)
    services.meeting_hold(meeting=meeting, by=secretary.user)
    on = meeting.date
    late = make_member(cell, full_name="A Đến muộn")
    exempt_today = make_member(cell, full_name="B Miễn từ hôm nay", exempt_since=on)
    exempt_tomorrow = make_member(cell, full_name="C Miễn từ ngày mai", exempt_since=on + timedelta(days=1))
    probationary = make_member(cell, full_name="D Dự bị", official_date=None, admission_date=date(2026, 3, 1))
    hosted = make_member(cell, full_name="E Tạm thời đến", temporary=Member.Temporary.HOSTED)
    away = make_member(cell, full_name="G Tạm thời đi", temporary=Member.Temporary.AWAY, temporary_from=on)
    leaving_later = make_member(
        cell, full_name="H Sắp đi", temporary=Member.Temporary.AWAY, temporary_from=on + timedelta(days=10)
    )
    marks = {
        secretary: ("present", ""),
        late: ("late", ""),
        exempt_today: ("unexcused", ""),
        exempt_tomorrow: ("unexcused", ""),
        probationary: ("present", ""),
        hosted: ("present", ""),
        away: ("excused", "Đi công tác"),
        leaving_later: ("present", ""),
    }
    services.attendance_save(meeting=meeting, marks=marks, details={}, by=secretary.user)

    sheet = attendance_sheet(with_record(Meeting.objects.filter(pk=meeting.pk)).get())
    counted = {row.member for row in sheet.rows if row.counted}
    assert counted == {secretary, late, exempt_tomorrow, leaving_later}  # exempt and absent: not counted
    assert sheet.base == 4
    assert (sheet.total, sheet.official, sheet.probationary, sheet.exempt, sheet.temporary) == (8, 7, 1, 1, 2)
    assert (sheet.present, sheet.excused, sheet.unexcused) == (5, 1, 2)
    why = {row.member: row.why for row in sheet.rows}
    assert why[exempt_tomorrow] == "vắng không lý do: vẫn được tính"
    assert why[exempt_today] == "miễn sinh hoạt, vắng: không tính"
    assert why[late] == why[leaving_later] == "đảng viên chính thức"


# Locking and the majority --------------------------------------------------------------------------------


def test_it_locks_a_record_only_once_approved():
    assert MeetingRecord(status=MeetingRecord.Status.APPROVED).is_locked
    assert not MeetingRecord(status=MeetingRecord.Status.DRAFT).is_locked


def test_it_has_no_majority_before_the_votes_and_the_base_are_known():
    assert MeetingRecord(vote_base=None).threshold is None
    assert MeetingRecord(vote_base=0).threshold == 1
    assert MeetingRecord(vote_base=5, votes_for=None).passed is None
    assert MeetingRecord(vote_base=None, votes_for=3).passed is None
    assert MeetingRecord(vote_base=5, votes_for=0).passed is False
    assert MeetingRecord(vote_base=5, votes_for=5).passed is True


# Each rule of the yearly classification (QĐ 366), alone --------------------------------------------------


def _light(result=""):
    return Violation(handling=Violation.Handling.REMINDER, result=result)


def _discipline(result="Đã khắc phục"):
    return Violation(handling=Violation.Handling.REPRIMAND, result=result)


# name: (record fields, cell settings, (common, task, total points), proposed level, [(level, reasons)…])
# Levels (default QĐ 366 data): 0 excellent (90, on time, 30 % exceeding, remedied, no discipline),
# 1 good (70, on time, no discipline), 2 done (50), 3 not done.
CLASSIFICATION = {
    "all on time, 30 % exceeding": ({"on_time": 10, "exceeding": 3}, {}, (30, 70, 100), 0, []),
    "a 29.9 % exceeding share": ({"on_time": 1000, "exceeding": 299}, {}, (30, 70, 100), 1, [(0, ["exceeding"])]),
    "one late task": (
        {"on_time": 9, "late": 1, "exceeding": 3},
        {},
        (30, 66, 96),  # a late task earns half: round(70 × 9.5 / 10)
        2,
        [(0, ["on_time"]), (1, ["on_time"])],
    ),
    "a late task and a 28.6 % exceeding share": (
        {"on_time": 6, "late": 1, "exceeding": 2},
        {},
        (30, 65, 95),  # round(70 × 6.5 / 7)
        2,
        [(0, ["on_time", "exceeding"]), (1, ["on_time"])],
    ),
    "one task late and one not done": (
        {"on_time": 8, "late": 1, "not_done": 1, "exceeding": 3},
        {},
        (30, 60, 90),  # round(70 × 8.5 / 10) = round(59.5), to the even 60
        2,
        [(0, ["on_time"]), (1, ["on_time"])],
    ),
    "one task not done": (
        {"on_time": 9, "not_done": 1, "exceeding": 3},
        {},
        (30, 63, 93),
        2,
        [(0, ["on_time"]), (1, ["on_time"])],
    ),
    "one task each late, not done and overdue": (
        {"on_time": 7, "late": 1, "not_done": 1, "overdue": 1, "exceeding": 3},
        {},
        (30, 52, 82),  # round(70 × 7.5 / 10) = round(52.5), to the even 52
        2,
        [(0, ["points", "on_time"]), (1, ["on_time"])],
    ),
    "one task not done, one overdue": (
        {"on_time": 8, "not_done": 1, "overdue": 1, "exceeding": 3},
        {},
        (30, 56, 86),
        2,
        [(0, ["points", "on_time"]), (1, ["on_time"])],
    ),
    "one overdue task only": (
        {"on_time": 9, "overdue": 1, "exceeding": 3},
        {},
        (30, 63, 93),
        2,
        [(0, ["on_time"]), (1, ["on_time"])],
    ),
    "an unremedied light violation": (
        {"on_time": 10, "exceeding": 3, "violations": [_light()]},
        {},
        (27, 70, 97),
        1,
        [(0, ["remedied"])],
    ),
    "a remedied light violation": (
        {"on_time": 10, "exceeding": 3, "violations": [_light("Đã sửa")]},
        {},
        (27, 70, 97),
        0,
        [],
    ),
    "a shortcoming not yet handled": (
        {"on_time": 10, "exceeding": 3, "violations": [Violation(handling="", result="")]},
        {},
        (30, 70, 100),
        1,
        [(0, ["remedied"])],
    ),
    "discipline only": (
        {"on_time": 10, "exceeding": 3, "violations": [_discipline()]},
        {},
        (15, 70, 85),
        2,
        [(0, ["points", "discipline"]), (1, ["discipline"])],
    ),
    "discipline and reminders below zero": (
        {"on_time": 10, "exceeding": 3, "violations": [_discipline(), _discipline(), _light("x"), _light("y")]},
        {},
        (0, 70, 70),
        2,
        [(0, ["points", "discipline"]), (1, ["discipline"])],
    ),
    "90 points": ({"on_time": 10, "exceeding": 3}, {"rating_common_points": 20}, (20, 70, 90), 0, []),
    "89 points": ({"on_time": 10, "exceeding": 3}, {"rating_common_points": 19}, (19, 70, 89), 1, [(0, ["points"])]),
    "70 points": ({"on_time": 10}, {"rating_common_points": 0}, (0, 70, 70), 1, [(0, ["points", "exceeding"])]),
    "69 points": (
        {"on_time": 10},
        {"rating_common_points": 0, "rating_task_points": 69},
        (0, 69, 69),
        2,
        [(0, ["points", "exceeding"]), (1, ["points"])],
    ),
    "50 points": (
        {"on_time": 10},
        {"rating_common_points": 0, "rating_task_points": 50},
        (0, 50, 50),
        2,
        [(0, ["points", "exceeding"]), (1, ["points"])],
    ),
    "49 points": (
        {"on_time": 10},
        {"rating_common_points": 0, "rating_task_points": 49},
        (0, 49, 49),
        3,
        [(0, ["points", "exceeding"]), (1, ["points"]), (2, ["points"])],
    ),
    "tasks not yet due: attendance counts": (
        {"tasks_total": 2, "meetings": 12, "attended": 6},
        {},
        (30, 35, 65),
        2,
        [(0, ["points", "exceeding"]), (1, ["points"])],
    ),
    "no task and no meeting": ({}, {}, (30, 70, 100), 1, [(0, ["exceeding"])]),
}


@pytest.mark.parametrize("case", CLASSIFICATION.values(), ids=CLASSIFICATION.keys())
def test_it_proposes_each_level_of_qd_366_for_its_own_reason(cell, member, case):
    fields, settings, points, proposed, why = case
    for name, value in settings.items():
        setattr(cell, name, value)
    levels = rating_levels(cell)
    record = YearRecord(member, **fields)
    _propose(record, cell, levels)
    assert (record.common_points, record.task_points, record.points) == points
    assert record.proposed == levels[proposed]
    assert [(levels.index(level), reasons) for level, reasons in record.why] == why


def test_it_proposes_the_last_level_when_none_fits(cell, member):
    first, second, third = rating_levels(cell)[:3]
    record = YearRecord(member, not_done=1)  # 30 points, nothing on time
    _propose(record, cell, [first, second, third])
    assert record.points == 30 and record.proposed == third
    assert record.why == [
        (first, ["points", "on_time", "exceeding"]),
        (second, ["points", "on_time"]),
        (third, ["points"]),
    ]
    record = YearRecord(member)
    _propose(record, cell, [])
    assert record.proposed is None


def test_it_counts_no_exceeding_share_without_a_task_done(cell, member):
    levels = rating_levels(cell)
    levels[1].min_exceeding_share = 1  # a cell that asks “good” members for 1 % of exceeding tasks
    record = YearRecord(member, meetings=12, attended=12)
    _propose(record, cell, levels)
    assert record.points == 100 and record.proposed == levels[2]
    assert record.why == [(levels[0], ["exceeding"]), (levels[1], ["exceeding"])]
