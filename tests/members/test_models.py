from datetime import date

import pytest

from members.models import Member
from members.selectors import entitled_voters
from tests.factories import make_member

ON = date(2026, 11, 5)


@pytest.mark.parametrize(
    ("overrides", "entitled", "reason"),
    [
        ({}, True, "đảng viên chính thức"),
        ({"official_date": None}, False, "đảng viên dự bị không biểu quyết"),
        ({"official_date": date(2026, 12, 1), "admission_date": date(2025, 12, 1)}, False, "dự bị"),
        ({"temporary": Member.Temporary.HOSTED, "temporary_from": date(2026, 1, 1)}, False, "chi bộ chính thức"),
        ({"temporary": Member.Temporary.AWAY, "temporary_from": date(2026, 1, 1)}, False, "nơi khác"),
        (
            {"temporary": "away", "temporary_from": date(2025, 1, 1), "temporary_until": date(2026, 1, 1)},
            True,
            "đảng viên chính thức",
        ),
        ({"suspended_since": date(2026, 10, 1)}, False, "đình chỉ"),
        ({"suspended_since": date(2026, 12, 1)}, True, "đảng viên chính thức"),
        ({"detained_since": date(2026, 10, 1)}, False, "tạm giam"),
        ({"exempt_since": date(2024, 1, 1)}, True, "chỉ tính khi có mặt"),
        ({"left_on": date(2026, 11, 1)}, False, "không là đảng viên"),
        ({"left_on": date(2026, 11, 30)}, True, "đảng viên chính thức"),
        ({"admission_date": date(2026, 11, 20), "official_date": None}, False, "không là đảng viên"),
    ],
)
def test_it_decides_who_votes_the_same_way_in_python_and_sql(cell, overrides, entitled, reason):
    person = make_member(cell, **overrides)
    status = person.vote_status(ON)
    assert status.entitled is entitled
    assert reason in str(status.reason)
    assert (person in entitled_voters(cell=cell, on=ON)) is entitled


def test_it_counts_only_its_own_cell(cell, other_cell):
    ours = make_member(cell)
    make_member(other_cell)
    assert list(entitled_voters(cell=cell, on=ON)) == [ours]


def test_it_derives_membership_from_the_official_date(cell):
    assert make_member(cell, official_date=None).membership_label == "Dự bị"
    assert make_member(cell).membership_label == "Chính thức"


def test_it_gives_each_role_its_rights(secretary, committee, member, cell):
    deputy = make_member(cell, role=Member.Role.DEPUTY)
    assert secretary.may_manage and deputy.may_manage
    assert not committee.may_manage and committee.may_prepare
    assert not member.may_manage and not member.may_prepare
    assert member.may_view_member(member) and not member.may_view_member(committee)
    assert committee.may_view_member(member)


def test_it_takes_rights_away_from_a_member_who_left(cell):
    gone = make_member(cell, role=Member.Role.DEPUTY, left_on=date(2026, 1, 1))
    assert not gone.may_manage and not gone.may_prepare
