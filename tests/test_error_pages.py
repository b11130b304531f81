"""Error pages a user should see (issue 16, item 9): with DEBUG on, as ``make run`` serves the app, a
wrong address or another cell's record shows the app's Vietnamese 404 page with the menu, never Django's
technical page; an error shows the app's 500 page (the traceback goes to the console); a developer can ask
for Django's pages with CHIBO_TECHNICAL_ERRORS=1. The 400 page shows the menu to a logged-in member."""

import logging

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import make_meeting

TECHNICAL = "Using the URLconf defined in"  # Django's technical 404 page


@pytest.fixture
def debug(settings):
    settings.DEBUG = True
    settings.TECHNICAL_ERRORS = False
    return settings


def test_it_shows_the_vietnamese_404_page_for_a_wrong_address_with_debug_on(debug, client_for, member):
    response = client_for(member).get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Không tìm thấy trang" in html and TECHNICAL not in html and "Traceback" not in html
    assert f'href="{reverse("meetings:list")}"' in html  # the menu of a logged-in member
    anonymous = Client().get("/no-such-page/")
    assert anonymous.status_code == 404 and "Không tìm thấy trang" in anonymous.content.decode()


def test_it_shows_the_404_page_for_another_cells_record_with_debug_on(debug, client_for, outsider, cell):
    theirs = make_meeting(cell)
    response = client_for(outsider).get(theirs.get_absolute_url())
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode() and "Http404" not in response.content.decode()


def test_it_still_adds_the_slash_to_an_address_without_it(debug, client_for, member):
    response = client_for(member).get("/meetings")
    assert response.status_code == 301 and response["Location"] == "/meetings/"


def test_it_shows_the_500_page_and_logs_the_error_with_debug_on(debug, member, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("hỏng")

    monkeypatch.setattr("chibo.home.sections_for", broken)
    client = Client(raise_request_exception=False)
    client.force_login(member.user)
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get(reverse("home"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "Đã có lỗi xảy ra" in html and "RuntimeError" not in html and "hỏng" not in html
    assert any(record.exc_info and "hỏng" in str(record.exc_info[1]) for record in caplog.records)  # the console


def test_it_gives_developers_djangos_pages_when_asked(debug, client_for, member):
    debug.TECHNICAL_ERRORS = True
    response = client_for(member).get("/no-such-page/")
    assert response.status_code == 404 and TECHNICAL in response.content.decode()


def test_it_shows_the_menu_on_the_400_page_to_a_logged_in_member(client_for, member):
    response = client_for(member).get("/meetings/?year=%00")
    html = response.content.decode()
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in html and f'href="{reverse("meetings:list")}"' in html
    anonymous = Client().get("/meetings/?year=%00")
    assert anonymous.status_code == 400 and f'href="{reverse("meetings:list")}"' not in anonymous.content.decode()


def test_it_marks_the_current_page_in_the_menu(client_for, member, secretary):
    html = client_for(secretary).get(reverse("meetings:documents")).content.decode()
    assert f'href="{reverse("meetings:documents")}" aria-current="page"' in html
    assert html.count('aria-current="page"') == 1 and html.count('aria-current="true"') == 1  # item and group
    home = client_for(member).get(reverse("home")).content.decode()
    assert f'href="{reverse("home")}" aria-current="page"' in home
    assert reverse("assignments:overview") not in home and reverse("members:cell") not in home  # not a member's
    assert reverse("evaluations:mine") in home and reverse("evaluations:reviews") not in home
