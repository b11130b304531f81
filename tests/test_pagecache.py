"""The page cache (core/pagecache.py): a page is served again from memory only while nothing has
changed, never to another session, and never stale. These tests commit for real (the cache moves on
after a commit), so they use transactional databases."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assignments.models import Task
from core import pagecache
from tests.factories import make_task

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300
    caches["pages"].clear()


@pytest.fixture
def client_for():
    """A client that, like a browser, got its CSRF cookie from the login page before logging in."""

    def make(person, **options):
        client = Client(**options)
        client.get(reverse("login"))
        client.force_login(person.user)
        return client

    return make


def get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries.captured_queries)


def test_it_serves_a_page_again_with_one_query_while_nothing_changed(client_for, member):
    make_task(member.cell, member, title="Viết báo cáo quý")
    client = client_for(member)
    first, rendered = get(client, reverse("assignments:mine"))
    again, served = get(client, reverse("assignments:mine"))
    assert first.status_code == again.status_code == 200
    assert rendered > 3 and served == 1  # the session and the data version, in one query
    assert again.content == first.content
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert again["Content-Type"] == "text/html; charset=utf-8"


def test_it_renders_again_after_any_committed_write_even_a_bulk_update(client_for, member):
    task = make_task(member.cell, member, title="Viết báo cáo quý")
    client = client_for(member)
    get(client, reverse("assignments:mine"))
    Task.objects.filter(pk=task.pk).update(title="Tổng kết công tác dân vận")  # no signal, no save()
    response, queries = get(client, reverse("assignments:mine"))
    assert queries > 1
    assert "Tổng kết công tác dân vận" in response.content.decode()


def test_a_write_rolled_back_leaves_the_cache_as_it_was(member):
    make_task(member.cell, member)
    before = pagecache.current_version()
    with pytest.raises(RuntimeError), transaction.atomic():
        Task.objects.update(title="Không lưu")
        raise RuntimeError
    assert pagecache.current_version() == before
    Task.objects.update(title="Lưu")
    assert pagecache.current_version() > before


def test_a_session_never_gets_another_sessions_page(client_for, member, committee):
    make_task(member.cell, member, title="Việc của đảng viên")
    make_task(member.cell, committee, title="Việc của chi ủy viên")
    mine = client_for(member)
    theirs = client_for(committee)
    # Even with the same CSRF cookie (one browser, or a cookie planted by a neighbour), sessions stay apart.
    theirs.cookies[settings.CSRF_COOKIE_NAME] = mine.cookies[settings.CSRF_COOKIE_NAME].value
    get(mine, reverse("assignments:mine"))
    response, queries = get(theirs, reverse("assignments:mine"))
    assert queries > 1
    assert "Việc của chi ủy viên" in response.content.decode()
    assert "Việc của đảng viên" not in response.content.decode()


def test_after_logout_the_old_session_is_sent_to_the_login_page(client_for, member):
    client = client_for(member)
    get(client, reverse("assignments:mine"))
    cookie = client.cookies["sessionid"].value
    client.post(reverse("logout"))
    stranger = Client()
    stranger.cookies["sessionid"] = cookie
    response = stranger.get(reverse("assignments:mine"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_a_message_waiting_is_shown_and_the_page_then_shows_the_new_data(client_for, member):
    task = make_task(member.cell, member)
    client = client_for(member)
    get(client, task.get_absolute_url())
    get(client, task.get_absolute_url())
    reported = client.post(
        reverse("assignments:report", args=[task.pk]),
        {"percent": 70, "reported_on": timezone.localdate().strftime("%d/%m/%Y"), "note": "Đã xong phần lớn"},
    )
    assert reported.status_code == 302
    shown = client.get(task.get_absolute_url()).content.decode()
    assert "Đã xong phần lớn" in shown and "alert-success" in shown
    after, _queries = get(client, task.get_absolute_url())
    again, queries = get(client, task.get_absolute_url())
    assert queries == 1  # without the message, the page is kept again
    for response in (after, again):
        assert "Đã xong phần lớn" in response.content.decode()
        assert "alert-success" not in response.content.decode()


def test_a_form_served_again_still_passes_the_csrf_check(client_for, member):
    task = make_task(member.cell, member)
    client = client_for(member, enforce_csrf_checks=True)
    client.get(task.get_absolute_url())
    again, queries = get(client, task.get_absolute_url())
    assert queries == 1
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', again.content.decode()).group(1)
    response = client.post(
        reverse("assignments:report", args=[task.pk]),
        {"csrfmiddlewaretoken": token, "percent": 20, "reported_on": timezone.localdate().strftime("%d/%m/%Y")},
    )
    assert response.status_code == 302


def test_a_new_day_renders_again(client_for, member):
    """Overdue and due-soon marks depend on the date."""
    client = client_for(member)
    get(client, reverse("assignments:mine"))
    tomorrow = timezone.localdate() + timedelta(days=1)
    with mock.patch("core.pagecache.timezone.localdate", return_value=tomorrow):
        _response, queries = get(client, reverse("assignments:mine"))
    assert queries > 1


def test_pdfs_and_answers_other_than_200_are_not_kept(client_for, secretary, member, approved_meeting):
    pdf = reverse("meetings:minutes_pdf", args=[approved_meeting.pk])
    client = client_for(secretary)
    client.get(pdf)
    _response, queries = get(client, pdf)
    assert queries > 1
    outsider_page = reverse("members:cell")  # a member may not manage the cell: 403
    denied = client_for(member)
    assert denied.get(outsider_page).status_code == 403
    _response, queries = get(denied, outsider_page)
    assert queries > 1


def test_sessions_and_login_attempts_do_not_move_the_version_and_flush_never_takes_it_back(member):
    make_task(member.cell, member)
    before = pagecache.current_version()
    client = Client()
    client.force_login(member.user)  # updates last_login: a write that counts
    after_login = pagecache.current_version()
    assert after_login > before
    client.session.save()
    Client().post(reverse("login"), {"username": member.user.username, "password": "sai-mat-khau"})
    assert pagecache.current_version() == after_login
    call_command("flush", "--noinput")
    Task.objects.update(title="x")  # the first write after a flush writes the row again
    assert pagecache.current_version() > after_login


def test_it_is_off_when_page_cache_seconds_is_zero(settings, client_for, member):
    settings.PAGE_CACHE_SECONDS = 0
    client = client_for(member)
    get(client, reverse("assignments:mine"))
    _response, queries = get(client, reverse("assignments:mine"))
    assert queries > 1


# Each part of the key (version, day, session, CSRF cookie, language, path with its query) is needed:
# the tests above cover the version, the day and the session; these the rest.


def test_a_language_switch_is_seen_at_once(client_for, member):
    client = client_for(member)
    get(client, reverse("members:list"))
    _served, queries = get(client, reverse("members:list"))
    assert queries == 1
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english, queries = get(client, reverse("members:list"))
    assert queries > 1 and "Party members" in english.content.decode()
    client.post(reverse("set_language"), {"language": "vi", "next": "/"})
    vietnamese, _queries = get(client, reverse("members:list"))
    assert "Danh sách đảng viên" in vietnamese.content.decode()


def test_a_new_csrf_cookie_gets_a_page_whose_form_token_matches_it(client_for, member):
    from django.middleware.csrf import _get_new_csrf_string

    task = make_task(member.cell, member)
    client = client_for(member, enforce_csrf_checks=True)
    get(client, task.get_absolute_url())
    client.cookies[settings.CSRF_COOKIE_NAME] = _get_new_csrf_string()  # e.g. the browser lost its cookie
    again, queries = get(client, task.get_absolute_url())
    assert queries > 1
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', again.content.decode()).group(1)
    response = client.post(
        reverse("assignments:report", args=[task.pk]),
        {"csrfmiddlewaretoken": token, "percent": 20, "reported_on": timezone.localdate().strftime("%d/%m/%Y")},
    )
    assert response.status_code == 302


def test_each_address_and_query_has_its_own_page(client_for, member):
    client = client_for(member)
    tasks, _queries = get(client, reverse("assignments:mine"))
    members, _queries = get(client, reverse("members:list"))
    assert "Danh sách đảng viên" in members.content.decode() and members.content != tasks.content
    url = reverse("meetings:participation")
    spring, _queries = get(client, url + "?start=01/01/2026&end=31/03/2026")
    autumn, _queries = get(client, url + "?start=01/09/2026&end=30/11/2026")
    assert "01/09/2026" in autumn.content.decode() and "01/09/2026" not in spring.content.decode()
