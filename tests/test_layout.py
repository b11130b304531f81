"""The menu rendered once per kind of person and filled in per request (``core.templatetags.layout``), and the
lookups compiled once per worker (``core.prepared``): each gives what it replaced, for each person."""

import html
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.prepared import Prepared
from core.templatetags import layout
from members.backends import LoginBackend
from members.models import Member
from tests.factories import make_member


def _nav(response) -> str:
    page = response.content.decode()
    return page[page.index("<nav") : page.index("</nav>")]


def test_each_person_reads_their_own_name_and_role_in_a_menu_shared_by_their_kind(client_for, cell, committee):
    layout._skeletons.clear()
    first = make_member(cell, full_name="Trần <b>Thị</b> Mai", role=Member.Role.MEMBER)
    second = make_member(cell, full_name="Phạm Văn Nam", role=Member.Role.MEMBER)
    one, two = _nav(client_for(first).get(reverse("home"))), _nav(client_for(second).get(reverse("home")))
    assert "Trần &lt;b&gt;Thị&lt;/b&gt; Mai" in one and "Phạm Văn Nam" not in one
    assert "Phạm Văn Nam" in two and "Mai" not in two
    assert one.replace("Trần &lt;b&gt;Thị&lt;/b&gt; Mai", "X") != two  # not the same page: the token differs
    assert len(layout._skeletons) == 1  # one skeleton for the two members on the same page
    chiefs = _nav(client_for(committee).get(reverse("home")))
    assert cell.name in chiefs and "Nhiệm vụ chi bộ" in chiefs and "Nhiệm vụ chi bộ" not in one
    assert len(layout._skeletons) == 2
    assert "\ue000" not in one + two + chiefs  # no stand-in is left over


def test_the_menus_forms_carry_a_working_token_and_the_page_to_come_back_to(member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member.user)
    nav = _nav(client.get(reverse("members:list") + "?status=left&x=<b>"))
    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', nav)
    assert len(tokens) == 2 and tokens[0] == tokens[1]
    assert 'name="next" value="/members/?status=left&amp;x=%3Cb%3E"' in nav
    response = client.post(
        reverse("set_language"), {"language": "en", "next": "/members/", "csrfmiddlewaretoken": tokens[0]}
    )
    assert response.status_code == 302  # the token is accepted
    response = client.post(reverse("logout"), {"csrfmiddlewaretoken": tokens[0]})
    assert response.status_code == 302 and "_auth_user_id" not in client.session


def test_the_officer_and_an_anonymous_visitor_get_their_own_menus(personas, officer):
    officers = _nav(personas["officer"].get(reverse("superior:overview")))
    assert html.escape(officer.organisation.committee_name) in officers and html.escape(officer.post) in officers
    assert "Việc của tôi" not in officers
    anonymous = _nav(personas["anonymous"].get(reverse("login")))
    assert "Đăng xuất" not in anonymous and 'name="csrfmiddlewaretoken"' in anonymous


def test_the_login_backend_reads_the_member_with_the_user_in_one_query(member, officer):
    with CaptureQueriesContext(connection) as queries:
        user = LoginBackend().get_user(member.user_id)
        assert user.member.cell.name == member.cell.name and user.member.unit_id == member.unit_id
    assert len(queries) == 1
    officer_user = LoginBackend().get_user(officer.user_id)
    assert officer_user.officer.organisation_id == officer.organisation_id
    assert not hasattr(officer_user, "member")
    assert LoginBackend().get_user(10**9) is None
    member.user.is_active = False
    member.user.save()
    assert LoginBackend().get_user(member.user_id) is None


def test_a_prepared_lookup_gives_what_its_queryset_gives_and_is_compiled_once(cell, secretary, member, monkeypatch):
    def build(cell, role):
        return Member.objects.select_related("cell", "unit").filter(cell_id=cell, role=role).order_by("pk")

    lookup = Prepared(build, cell=-9_000_001, role="\ufffdrole")
    for role in (Member.Role.SECRETARY, Member.Role.MEMBER):
        found = lookup(cell=cell.pk, role=role)
        expected = list(build(cell.pk, role))
        assert [m.pk for m in found] == [m.pk for m in expected] and found
        assert [(m.cell.name, m.unit_id, m.full_name) for m in found] == [
            (m.cell.name, m.unit_id, m.full_name) for m in expected
        ]
    calls = []
    monkeypatch.setattr(lookup, "_compile", lambda: calls.append(1))
    with CaptureQueriesContext(connection) as queries:
        assert lookup(cell=cell.pk, role=Member.Role.SECRETARY)[0].pk == secretary.pk
    assert calls == [] and len(queries) == 1
    assert lookup(cell=-1, role=Member.Role.MEMBER) == []


def test_a_prepared_lookup_gives_annotations_values_and_prefetched_rows_as_its_queryset(cell, secretary, member):
    from django.db.models import F, Value
    from django.db.models.functions import Concat

    def annotated(cell):
        return (
            Member.objects.filter(cell_id=cell)
            .select_related("unit")
            .annotate(shown=Concat("full_name", Value(" ("), "role", Value(")")))
            .prefetch_related("cell__units")
            .order_by("pk")
        )

    def values(cell):
        return Member.objects.filter(cell_id=cell).values("pk", name=F("full_name")).order_by("pk")

    found = Prepared(annotated, cell=-9_000_003)(cell=cell.pk)
    assert [(m.pk, m.shown, m.unit_id) for m in found] == [(m.pk, m.shown, m.unit_id) for m in annotated(cell.pk)]
    assert found[0].shown == f"{found[0].full_name} ({found[0].role})" and len(found) == 2
    with CaptureQueriesContext(connection) as queries:
        assert [u.pk for u in found[0].cell.units.all()] == [u.pk for u in cell.units.all()]
    assert len(queries) == 1  # the cell and its units came with the lookup: the one query is the comparison
    assert Prepared(values, cell=-9_000_004)(cell=cell.pk) == list(values(cell.pk))


def test_a_prepared_lookup_refuses_a_value_it_would_keep():
    lookup = Prepared(lambda pk: get_user_model().objects.filter(pk=5), pk=-9_000_002)
    with pytest.raises(ImproperlyConfigured):
        lookup(pk=1)


def test_a_prepared_lookup_takes_big_integers_as_django_types_them(cell, secretary, member):
    """``AuditEntry.object_id`` is a big integer: Django hands it to psycopg as ``Int8``, and so does the lookup."""
    from members.selectors import history_of
    from members.services import member_update

    for person, old, new in [(member, "", "0912"), (member, "0912", "0913"), (secretary, "", "0987")]:
        person.phone = new
        member_update(member=person, changes={"phone": (old, new)}, by=secretary.user)
    entries = history_of(member)
    assert [entry.lines[0][1:] for entry in entries] == [("0912", "0913"), ("—", "0912")]
    assert [entry.actor.member.pk for entry in entries] == [secretary.pk, secretary.pk]
    assert len(history_of(secretary)) == 1


def test_a_search_is_planned_for_its_words_while_the_lookups_keep_their_plans(member):
    from core.prepared import planned_for_its_values

    connection.ensure_connection()
    assert connection.connection.prepare_threshold == 5  # chibo/settings.py: DB_PREPARE_THRESHOLD
    with planned_for_its_values():
        assert connection.connection.prepare_threshold is None
        assert Member.objects.filter(pk=member.pk).count() == 1
    assert connection.connection.prepare_threshold == 5
    with pytest.raises(ZeroDivisionError), planned_for_its_values():
        raise ZeroDivisionError
    assert connection.connection.prepare_threshold == 5


def test_a_meeting_loaded_by_compiled_lookups_reads_as_the_prefetched_one(approved_meeting):
    from meetings.models import Meeting
    from meetings.selectors import load_agenda, with_record

    expected = with_record(Meeting.objects.filter(pk=approved_meeting.pk)).get()
    loaded = load_agenda(Meeting.objects.get(pk=approved_meeting.pk), record=True)
    with CaptureQueriesContext(connection) as queries:
        got = [
            (
                item.pk,
                item.meeting.pk,
                [d.pk for d in item.documents.all()],
                [(s.pk, s.member.pk) for s in item.speeches.all()],
            )
            for item in loaded.items.all()
        ]
        marks = [(a.pk, a.member_id, a.meeting.pk) for a in loaded.attendance.all()]
    assert len(queries) == 0 and got and marks
    assert got == [
        (
            item.pk,
            item.meeting.pk,
            [d.pk for d in item.documents.all()],
            [(s.pk, s.member.pk) for s in item.speeches.all()],
        )
        for item in expected.items.all()
    ]
    assert sorted(marks) == sorted((a.pk, a.member_id, a.meeting.pk) for a in expected.attendance.all())
