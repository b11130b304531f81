from collections import Counter
from datetime import date
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from meetings.demo import latest_held_month
from meetings.models import Meeting
from members.models import Cell, Member
from tests import seeded


@pytest.mark.django_db
def test_it_loads_the_seed_cell_with_its_exact_mix(settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo")
    cell = Cell.objects.get(name="Chi bộ 4")
    members = list(Member.objects.filter(cell=cell))
    assert len(members) == 9 and all(m.is_official for m in members)
    assert Counter(m.education_level for m in members) == {"master": 1, "bachelor": 8}
    assert Counter(m.theory_level for m in members) == {"advanced": 2, "intermediate": 7}
    assert Counter(m.role for m in members) == {"secretary": 1, "deputy": 1, "committee": 1, "member": 6}
    assert len({m.unit_id for m in members}) == 3
    assert cell.superior_name == "Đảng bộ Viện kiểm sát nhân dân tỉnh Tuyên Quang"
    assert cell.place_name == "Tuyên Quang"
    assert Member.objects.filter(cell__name="Chi bộ 2").count() == 3  # the second cell, for isolation
    assert Member.objects.exclude(cell=cell).count() == 3 + 10  # and Chi bộ 1, 3 and 5 of the Đảng bộ
    assert set(Cell.objects.values_list("organisation__committee_name", flat=True)) == {
        "Đảng ủy Viện KSND tỉnh Tuyên Quang"
    }
    out = capsys.readouterr().out
    for login in ["bithu", "chiuy", "dangvien", "danguy", "chibo-demo"]:
        assert login in out


@pytest.mark.django_db
def test_it_is_idempotent_and_skips_a_database_with_data(settings, django_user_model):
    settings.DEBUG = True
    seeded.seed_demo()  # what the command loads (test above); here, what it does the second time
    call_command("seed_demo")
    assert Member.objects.count() == 22 and Cell.objects.count() == 5
    call_command("seed_demo", "--if-empty")
    assert django_user_model.objects.count() == 23  # and the Đảng ủy's officer, danguy


@pytest.mark.django_db
def test_it_lets_the_three_demo_logins_in(settings, client):
    settings.DEBUG = True
    seeded.seed_demo()  # the other tests here run the command itself
    for username, role in [("bithu", "secretary"), ("chiuy", "committee"), ("dangvien", "member")]:
        response = client.post(reverse("login"), {"username": username, "password": "chibo-demo"})
        assert response.status_code == 302, username
        assert Member.objects.get(user__username=username).role == role
        assert client.get("/members/").status_code == 200
        client.logout()


@pytest.mark.django_db
def test_it_refuses_demo_logins_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("seed_demo")
    assert not Cell.objects.exists()


@pytest.mark.parametrize(
    ("today", "held"),
    [(date(2026, 11, 26), date(2026, 11, 1)), (date(2026, 12, 4), date(2026, 11, 1)),
     (date(2027, 1, 1), date(2026, 12, 1)), (date(2027, 1, 5), date(2027, 1, 1))],
)  # fmt: skip
def test_the_demo_s_last_held_meeting_is_never_in_the_future(today, held):
    assert latest_held_month(today) == held


@pytest.mark.parametrize("today", [date(2026, 12, 2), date(2027, 1, 1)])
@pytest.mark.django_db
def test_it_loads_the_demo_on_the_first_days_of_a_month(today, settings):
    """Before the 5th the demo's year ends with last month's meeting (a task due in three days
    must not fall before this month's meeting day, nor a meeting be held in the future)."""
    settings.DEBUG = True
    real = timezone.localdate

    def localdate(value=None, timezone=None):
        return today if value is None else real(value, timezone)

    with mock.patch("django.utils.timezone.localdate", localdate):
        call_command("seed_demo", stdout=open("/dev/null", "w"))
    meetings = Meeting.objects.filter(cell__name="Chi bộ 4")
    held = meetings.get(month=latest_held_month(today), kind=Meeting.Kind.REGULAR)
    assert held.status == Meeting.Status.HELD and held.date <= today
    assert not meetings.filter(status__in=[Meeting.Status.HELD, Meeting.Status.APPROVED], date__gt=today).exists()
