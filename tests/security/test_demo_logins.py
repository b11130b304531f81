"""Finding 2: demo logins (``Member.is_demo``, set by the demo loader) are refused unless DEBUG is on."""

import importlib

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from members.models import Cell, CommitteeOfficer, Member, Organisation
from tests import seeded
from tests.factories import make_cell, make_member

PASSWORD = "mat-khau-dung-2026"
REFUSED = "Tài khoản mẫu chỉ dùng được khi chạy thử (DEBUG bật)."
OFF = "Tài khoản mẫu đã tắt"


@pytest.fixture
def demo_login(cell):
    person = make_member(cell, username="bithu-demo", is_demo=True)
    person.user.set_password(PASSWORD)
    person.user.save()
    return person


def test_it_refuses_a_demo_login_when_debug_is_off(settings, client, demo_login):
    settings.DEBUG = False
    response = client.post(reverse("login"), {"username": "bithu-demo", "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert REFUSED in response.content.decode()


def test_it_lets_a_demo_login_in_when_debug_is_on(settings, client, demo_login):
    settings.DEBUG = True
    response = client.post(reverse("login"), {"username": "bithu-demo", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(demo_login.user.pk)


def test_it_gives_a_wrong_password_of_a_demo_login_the_usual_answer(settings, client, demo_login):
    settings.DEBUG = False
    response = client.post(reverse("login"), {"username": "bithu-demo", "password": "sai-mat-khau"})
    assert response.status_code == 200 and REFUSED not in response.content.decode()


def test_it_still_lets_a_real_member_in_when_debug_is_off(settings, client, member):
    settings.DEBUG = False
    member.user.set_password(PASSWORD)
    member.user.save()
    assert client.post(reverse("login"), {"username": "member", "password": PASSWORD}).status_code == 302


def test_it_refuses_a_demo_login_at_the_admin_s_login_too(settings, client, demo_login):
    settings.DEBUG = False
    demo_login.user.is_staff = True
    demo_login.user.save()
    response = client.post(reverse("admin:login"), {"username": "bithu-demo", "password": PASSWORD})
    assert response.status_code == 200 and "_auth_user_id" not in client.session


def test_the_login_page_says_demo_logins_are_off_when_debug_is_off(settings, client, db):
    settings.DEBUG = False
    assert OFF in client.get(reverse("login")).content.decode()
    settings.DEBUG = True
    assert OFF not in client.get(reverse("login")).content.decode()


@pytest.mark.django_db
def test_seed_demo_marks_every_login_it_makes_and_production_refuses_them(settings, client):
    settings.DEBUG = True
    seeded.seed_demo()  # the rows seed_demo wrote (tests/seeded.py)
    assert Member.objects.count() == 22 and not Member.objects.filter(is_demo=False).exists()
    assert CommitteeOfficer.objects.get().is_demo  # danguy, the Đảng ủy's officer
    assert not Cell.objects.filter(two_factor_required=True).exists()  # demo logins stay one step
    assert not Organisation.objects.filter(two_factor_required=True).exists()
    settings.DEBUG = False
    for username in ["bithu", "chiuy", "dangvien", "bithu2", "danguy"]:
        response = client.post(reverse("login"), {"username": username, "password": "chibo-demo"})
        assert response.status_code == 200 and REFUSED in response.content.decode(), username


@pytest.mark.django_db
def test_the_migration_marks_a_demo_seeded_before_it(settings):
    """A database seeded by ``make run`` before is_demo existed: the migration marks its demo cells."""
    cell = make_cell(name="Chi bộ Văn phòng")
    make_member(cell, username="bithu3", role=Member.Role.SECRETARY)
    settings.DEBUG = True
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    Member.objects.update(is_demo=False)
    Cell.objects.update(two_factor_required=True)
    migration = importlib.import_module("members.migrations.0009_two_factor_and_demo")
    migration.mark_demo(apps, None)
    demo = Member.objects.filter(cell__name__in=["Chi bộ 4", "Chi bộ 2"])  # the demo cells of that time
    assert demo.count() == 12 and not demo.filter(is_demo=False).exists()
    assert not Member.objects.filter(cell=cell, is_demo=True).exists()  # a real cell is left alone
    assert Cell.objects.get(pk=cell.pk).two_factor_required
