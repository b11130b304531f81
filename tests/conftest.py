"""Personas shared by every test: a cell with a secretary, a committee member and an
ordinary member, an outsider — the secretary of another cell — and an officer of the đảng ủy
above the cell, who reads every cell of the đảng bộ and is a member of none."""

from datetime import date

import pytest
from django.core.cache import caches
from django.http import HttpRequest
from django.test import Client
from django.test.client import ClientMixin
from django_otp.plugins.otp_totp.models import TOTPDevice

from assignments.services import calendar_token_reset, completion_levels
from evaluations.services import rating_levels, review_open, work_grades
from meetings.models import Speech
from meetings.services import scoring_sheet
from members import twofactor
from members.models import Member
from tests import seeded
from tests.factories import (
    make_cell,
    make_commendation,
    make_member,
    make_officer,
    make_organisation,
    make_supervision,
    make_task,
    make_unit,
    make_violation,
)

PERSONAS = ["anonymous", "outsider", "member", "committee", "secretary", "officer"]


@pytest.fixture
def _replay(request, db):
    """A parametrized test that asks for ``world`` gets these fixtures built the first time its test function
    runs on the worker, and the same rows copied back after that (tests/seeded.py); any other test (a test
    function that runs once has nothing to share) builds them."""
    repeated = hasattr(request.node, "callspec")
    return seeded.Replay.start(request) if repeated and "world" in request.fixturenames else None


def _kept(replay, name, build, **how):
    return build() if replay is None else replay.get(name, build, **how)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_call(item):
    replay = getattr(item, "funcargs", {}).get("_replay")
    if replay is not None:
        replay.test_starts()


@pytest.fixture
def cell(_replay):
    return _kept(_replay, "cell", lambda: make_cell(name="Chi bộ 4"))


@pytest.fixture
def unit(_replay, cell):
    return _kept(_replay, "unit", lambda: make_unit(cell, name="Phòng Kiểm sát điều tra"))


@pytest.fixture
def other_cell(_replay):
    return _kept(_replay, "other_cell", lambda: make_cell(name="Chi bộ 2"))


@pytest.fixture
def secretary(_replay, cell, unit):
    return _kept(
        _replay,
        "secretary",
        lambda: make_member(
            cell, username="secretary", full_name="Nguyễn Văn An", role=Member.Role.SECRETARY, unit=unit
        ),
    )


@pytest.fixture
def committee(_replay, cell, unit):
    return _kept(
        _replay,
        "committee",
        lambda: make_member(
            cell, username="committee", full_name="Lê Văn Cường", role=Member.Role.COMMITTEE, unit=unit
        ),
    )


@pytest.fixture
def member(_replay, cell, unit):
    return _kept(_replay, "member", lambda: make_member(cell, username="member", full_name="Phạm Thị Dung", unit=unit))


@pytest.fixture
def outsider(_replay, other_cell):
    return _kept(
        _replay,
        "outsider",
        lambda: make_member(other_cell, username="outsider", full_name="Đỗ Văn Khánh", role=Member.Role.SECRETARY),
    )


@pytest.fixture
def organisation(_replay, cell):
    """The đảng bộ above the cell (the other cell is not in it)."""
    return _kept(_replay, "organisation", lambda: make_organisation(cell))


@pytest.fixture
def officer(_replay, organisation):
    """An officer of the đảng ủy: reads the cells of the đảng bộ, read-only; no member of any cell."""
    return _kept(_replay, "officer", lambda: make_officer(organisation, username="officer", full_name="Lý Văn Sơn"))


def _client_with(cookies) -> Client:
    client = Client()
    client.cookies = cookies
    return client


@pytest.fixture
def personas(_replay, secretary, committee, member, outsider, officer):
    """One logged-in client per persona (and an anonymous one)."""

    def build():
        clients = {"anonymous": Client()}
        people = {
            "outsider": outsider,
            "member": member,
            "committee": committee,
            "secretary": secretary,
            "officer": officer,
        }
        for name, person in people.items():
            client = Client()
            client.force_login(person.user)
            clients[name] = client
        return clients

    return _kept(
        _replay,
        "personas",
        build,
        freeze=lambda clients: {name: client.cookies for name, client in clients.items()},
        thaw=lambda cookies: {name: _client_with(jar) for name, jar in cookies.items()},
    )


@pytest.fixture
def client_for():
    def make(person):
        client = Client()
        client.force_login(person.user)
        return client

    return make


@pytest.fixture
def meeting(_replay, cell, secretary):
    from tests.factories import make_meeting

    return _kept(_replay, "meeting", lambda: make_meeting(cell, month=date(2026, 12, 1)))


@pytest.fixture
def published_meeting(_replay, cell, secretary):
    from meetings.services import meeting_publish
    from tests.factories import make_meeting

    return _kept(
        _replay,
        "published_meeting",
        lambda: meeting_publish(meeting=make_meeting(cell, month=date(2026, 11, 1)), by=secretary.user),
    )


@pytest.fixture
def held_meeting(_replay, cell, secretary, committee, member):
    from tests.factories import make_recorded_meeting

    return _kept(
        _replay, "held_meeting", lambda: make_recorded_meeting(cell, month=date(2026, 10, 1), by=secretary.user)
    )


@pytest.fixture
def approved_meeting(_replay, cell, secretary, committee, member):
    from tests.factories import make_recorded_meeting

    return _kept(
        _replay,
        "approved_meeting",
        lambda: make_recorded_meeting(cell, month=date(2026, 9, 1), by=secretary.user, approve=True),
    )


@pytest.fixture
def document(_replay, cell):
    from tests.factories import make_document

    return _kept(_replay, "document", lambda: make_document(cell, number="50-CT/TW"))


@pytest.fixture
def world(
    _replay,
    secretary,
    committee,
    member,
    unit,
    meeting,
    published_meeting,
    held_meeting,
    approved_meeting,
    document,
    other_cell,
):
    """Every object the permission matrix needs, by name."""
    return _kept(
        _replay,
        "world",
        lambda: _world(
            secretary,
            committee,
            member,
            unit,
            meeting,
            published_meeting,
            held_meeting,
            approved_meeting,
            document,
            other_cell,
        ),
    )


def _world(
    secretary, committee, member, unit, meeting, published_meeting, held_meeting, approved_meeting, document, other_cell
):
    return {
        "other_cell": other_cell,
        "secretary": secretary,
        "committee": committee,
        "member": member,
        "unit": unit,
        "meeting": meeting,
        "item": meeting.items.first(),
        "published": published_meeting,
        "document": document,
        "step": meeting.cell.standard_agenda.first(),  # seeded when the meeting was prepared
        "held": held_meeting,
        "held_item": held_meeting.items.first(),
        "speech": Speech.objects.filter(item__meeting=held_meeting).first(),
        "approved": approved_meeting,
        "criterion": scoring_sheet(meeting.cell)[0],
        "task": make_task(meeting.cell, member),
        "committee_task": make_task(meeting.cell, committee, title="Rà soát hồ sơ đảng viên"),
        "level": completion_levels(meeting.cell)[0],
        "feed": calendar_token_reset(member=member),
        "grade": work_grades(meeting.cell)[0],
        "rating": rating_levels(meeting.cell)[0],
        "review": review_open(cell=meeting.cell, month=date(2026, 11, 1), by=committee),
        "commendation": make_commendation(member),
        "violation": make_violation(member),
        **make_supervision(meeting.cell, secretary, committee, member),
    }


def pass_second_step(client, user) -> None:
    """Finish the second login step of ``client``'s session as the code page does (django_otp.login with a
    confirmed authenticator of ``user``): for a committee member whose cell asks for a code."""
    session = client.session
    if session.get(twofactor.SESSION_KEY, twofactor.DONE) == twofactor.DONE:
        return
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    device = device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    request = HttpRequest()
    request.session, request.user = session, user
    twofactor.passed(request, device)
    session.save()


@pytest.fixture(autouse=True)
def force_login_passes_the_second_step(monkeypatch):
    """``client.force_login`` stands for a finished login, both steps: the permission matrix and every page
    test see a committee member as after the code page. The second step itself is tested through the real
    login form (tests/security/test_two_factor.py), where nothing is skipped."""
    force_login = ClientMixin.force_login

    def logged_in_with_code(self, user, backend=None):
        force_login(self, user, backend)
        pass_second_step(self, user)

    monkeypatch.setattr(ClientMixin, "force_login", logged_in_with_code)


@pytest.fixture(autouse=True)
def page_cache(settings):
    """Off here: these tests run inside a transaction that never commits, and the page cache moves on
    only after a commit. tests/test_pagecache.py and the browser tests (real commits) turn it on."""
    settings.PAGE_CACHE_SECONDS = 0
    caches["pages"].clear()


@pytest.fixture(autouse=True)
def pdf_css_is_valid(caplog):
    """WeasyPrint only logs CSS it ignores (a localised ``1,0cm``…): any such warning fails the test."""
    yield
    ignored = [r.getMessage() for r in caplog.records if r.name.startswith("weasyprint") and r.levelname == "WARNING"]
    assert not ignored, ignored
