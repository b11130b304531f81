"""The participation page counts every meeting a member could attend, thematic ones included, and says
when a meeting has no attendance mark for them."""

from datetime import date

from django.urls import reverse

from meetings.demo import thematic_meeting
from meetings.models import Meeting
from meetings.selectors import participation
from tests.factories import make_document, make_member, make_recorded_meeting


def test_a_thematic_meeting_of_the_demo_counts_in_attendance(cell, secretary, committee, member):
    make_recorded_meeting(cell, month=date(2026, 8, 1), by=secretary.user)
    people = {"bithu": secretary, "builan": member, "phobithu": committee, "chiuy": committee}
    thematic_meeting(cell, date(2026, 9, 1), people, {"50-CT/TW": make_document(cell, number="50-CT/TW")}, None)
    assert Meeting.objects.filter(cell=cell, kind=Meeting.Kind.THEMATIC, attendance__isnull=False).exists()

    rows, meetings = participation(cell=cell, start=date(2026, 1, 1), end=date(2026, 12, 31))
    assert len(meetings) == 2
    for row in rows:
        assert row.could_attend == 2 == row.attended + row.absent and row.not_recorded == 0


def test_it_counts_only_the_meetings_held_while_a_member_and_flags_missing_marks(
    cell, secretary, committee, member, client_for
):
    make_recorded_meeting(cell, month=date(2026, 3, 1), by=secretary.user)
    newcomer = make_member(cell, full_name="Hoàng Thị Lan", admission_date=date(2026, 4, 10), official_date=None)
    make_recorded_meeting(cell, month=date(2026, 5, 1), by=secretary.user)
    Meeting.objects.create(  # held, its attendance not taken
        cell=cell,
        kind=Meeting.Kind.THEMATIC,
        topic="Học tập Chỉ thị 50",
        month=date(2026, 6, 1),
        date=date(2026, 6, 20),
        status=Meeting.Status.HELD,
    )
    rows, meetings = participation(cell=cell, start=date(2026, 1, 1), end=date(2026, 12, 31))
    by_pk = {row.member.pk: row for row in rows}
    assert len(meetings) == 3
    assert (by_pk[member.pk].could_attend, by_pk[member.pk].attended, by_pk[member.pk].not_recorded) == (3, 2, 1)
    assert (by_pk[newcomer.pk].could_attend, by_pk[newcomer.pk].attended) == (2, 1)

    page = client_for(secretary).get(reverse("meetings:participation") + "?start=01/01/2026&end=31/12/2026")
    text = page.content.decode()
    assert "3 buổi sinh hoạt từ 01/01/2026 đến 31/12/2026" in text
    assert "Số buổi phải dự" in text and "1 buổi chưa điểm danh" in text
    assert f'id="member-{member.pk}"' in text


def test_member_detail_links_to_the_members_tasks_review_record_and_attendance(client_for, secretary, member):
    text = client_for(secretary).get(reverse("members:detail", args=[member.pk])).content.decode()
    assert f"{reverse('assignments:overview')}?member={member.pk}" in text
    assert reverse("evaluations:member", args=[member.pk]) in text
    assert f"{reverse('meetings:participation')}#member-{member.pk}" in text
    own = client_for(member).get(reverse("members:detail", args=[member.pk])).content.decode()
    assert reverse("assignments:mine") in own and reverse("evaluations:mine") in own
    assert reverse("members:my_settings") in own
    assert client_for(secretary).get(f"{reverse('assignments:overview')}?member={member.pk}").status_code == 200
