"""Two-step login for the committee (ASVS 5.0 level 2, multi-factor): a code from an authenticator app
after the password, ten recovery codes each good once, wrong codes throttled; asked only of the committee
of a cell whose setting is on. Every login here goes through the real login form: nothing is skipped."""

import re
from base64 import b32encode
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from members import twofactor
from members.services import authenticator_confirm, authenticator_pending

PASSWORD = "mat-khau-dung-2026"
SETUP, CODE = "/accounts/two-factor/setup/", "/accounts/two-factor/"


def code_of(device, drift=0) -> str:
    """The code an authenticator app shows for ``device`` now (``drift`` steps of 30 s later)."""
    device.refresh_from_db()
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift + drift):06d}"


def log_in(person) -> Client:
    person.user.set_password(PASSWORD)
    person.user.save()
    client = Client()
    response = client.post(reverse("login"), {"username": person.user.username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    return client


def enrol(person) -> list[str]:
    """An authenticator app set up for ``person``; its ten recovery codes."""
    return authenticator_confirm(device=authenticator_pending(user=person.user))


def test_it_sends_a_committee_member_without_an_app_to_set_one_up(secretary):
    client = log_in(secretary)
    response = client.get(reverse("members:list"))
    assert response.status_code == 302 and response["Location"] == f"{SETUP}?next={quote('/members/', safe='')}"
    assert client.post(reverse("members:cell"), {}).status_code == 302  # no form of the app either
    page = client.get(SETUP)
    html = page.content.decode()
    assert page.status_code == 200 and "Thiết lập đăng nhập hai bước" in html
    assert 'src="data:image/svg+xml' in html  # the QR code, allowed by the CSP (img-src data:)
    assert "no-store" in page["Cache-Control"]
    device = TOTPDevice.objects.get(user=secretary.user, confirmed=False)
    key = re.search(r'<code class="secret-key" lang="zxx">([A-Z2-7 ]+)</code>', html).group(1)
    assert key.replace(" ", "") == b32encode(device.bin_key).decode()
    assert client.get(SETUP).content.decode().count(key) == 1  # the same key until it is confirmed

    response = client.post(SETUP, {"code": code_of(device), "next": "/members/"})
    assert response.status_code == 200
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())
    assert len(codes) == 10 and len(set(codes)) == 10
    assert set(StaticToken.objects.filter(device__user=secretary.user).values_list("token", flat=True)) == set(codes)
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("members:list")).status_code == 200


def test_it_asks_for_the_code_after_the_password(secretary):
    enrol(secretary)
    device = TOTPDevice.objects.get(user=secretary.user)
    client = log_in(secretary)
    first_session = client.session.session_key
    response = client.get(reverse("members:list"))
    assert response.status_code == 302 and response["Location"].startswith(f"{CODE}?next=")
    assert client.get(SETUP)["Location"].startswith(CODE)  # a password alone never replaces the app
    page = client.get(f"{CODE}?next=/members/").content.decode()
    assert "Nhập mã xác thực" in page and 'autocomplete="one-time-code"' in page
    response = client.post(CODE, {"code": code_of(device), "next": "/members/"})
    assert response.status_code == 302 and response["Location"] == "/members/"
    assert client.session.session_key != first_session  # a new session key once verified
    assert client.session["otp_device_id"] == device.persistent_id  # django-otp's record of it
    assert client.get(reverse("members:list")).status_code == 200
    assert client.get(CODE)["Location"] == "/"  # done: the code page sends on


def test_it_takes_a_recovery_code_once(committee):
    codes = enrol(committee)
    client = log_in(committee)
    response = client.post(CODE, {"code": codes[3].upper()[:4] + " " + codes[3][4:]})  # as typed from paper
    assert response.status_code == 302
    assert "còn lại 9 mã" in client.get(response["Location"], follow=True).content.decode()
    client.post(reverse("logout"))
    client = log_in(committee)
    response = client.post(CODE, {"code": codes[3]})
    assert response.status_code == 200 and "mã dự phòng này đã được dùng" in response.content.decode()
    assert client.get(reverse("members:list")).status_code == 302


def test_it_refuses_a_wrong_code_and_throttles_the_next_tries(secretary):
    enrol(secretary)
    device = TOTPDevice.objects.get(user=secretary.user)
    client = log_in(secretary)
    wrong = f"{(int(code_of(device)) + 1) % 1_000_000:06d}"
    response = client.post(CODE, {"code": wrong})
    assert response.status_code == 200 and "Mã không đúng" in response.content.decode()
    response = client.post(CODE, {"code": code_of(device)})  # the right code, but too soon
    assert response.status_code == 200
    assert "Nhập sai mã quá nhiều lần: đợi 1 giây rồi thử lại." in response.content.decode()
    assert client.get(reverse("members:list")).status_code == 302
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=timezone.now() - timedelta(seconds=2))
    assert client.post(CODE, {"code": code_of(device)}).status_code == 302


def test_it_confirms_no_app_with_a_wrong_first_code(secretary):
    client = log_in(secretary)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=secretary.user)
    response = client.post(SETUP, {"code": f"{(int(code_of(device)) + 1) % 1_000_000:06d}"})
    assert response.status_code == 200 and "Mã không đúng" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed and not StaticToken.objects.exists()
    assert client.get(reverse("members:list")).status_code == 302


def test_a_cell_with_the_setting_off_needs_no_second_step(cell, secretary, committee):
    cell.two_factor_required = False
    cell.save()
    for person in (secretary, committee):
        assert log_in(person).get(reverse("members:list")).status_code == 200


def test_an_ordinary_member_never_needs_it(member):
    client = log_in(member)
    assert client.get(reverse("members:list")).status_code == 200
    assert client.get(SETUP).status_code == 403


def test_the_secretary_turns_the_setting_off_on_the_cell_page(cell, client_for, secretary):
    from members.forms import CellForm

    assert cell.two_factor_required  # on by default
    client = client_for(secretary)
    page = client.get(reverse("members:cell")).content.decode()
    assert 'name="two_factor_required"' in page and "Đăng nhập hai bước cho chi ủy" in page
    data = {name: value for name, value in CellForm(instance=cell).initial.items() if value is not None}
    data["term_start"] = cell.term_start.strftime("%d/%m/%Y")
    data.pop("two_factor_required")
    assert client.post(reverse("members:cell"), data).status_code == 302
    cell.refresh_from_db()
    assert not cell.two_factor_required


def test_it_sends_only_to_local_addresses_afterwards(secretary):
    enrol(secretary)
    device = TOTPDevice.objects.get(user=secretary.user)
    client = log_in(secretary)
    response = client.post(CODE, {"code": code_of(device), "next": "https://elsewhere.example/"})
    assert response["Location"] == "/"


def test_it_lets_a_waiting_session_log_out_and_switch_language(secretary):
    client = log_in(secretary)
    assert client.post(reverse("set_language"), {"language": "vi", "next": "/"})["Location"] == "/"
    response = client.post(reverse("logout"))
    assert response.status_code == 302 and "_auth_user_id" not in client.session


def test_a_session_from_before_two_step_login_is_asked_too(secretary):
    """A session opened before this feature has no second-step mark: the middleware decides it once."""
    client = log_in(secretary)
    session = client.session
    del session[twofactor.SESSION_KEY]
    session.save()
    assert client.get(reverse("members:list"))["Location"].startswith(SETUP)


def test_a_verified_committee_member_may_set_up_a_new_phone(client_for, secretary):
    codes = enrol(secretary)
    client = client_for(secretary)  # both steps done (tests/conftest.py)
    page = client.get(SETUP).content.decode()
    assert "ứng dụng cũ và các mã dự phòng cũ hết hiệu lực" in page
    device = TOTPDevice.objects.get(user=secretary.user, confirmed=False)
    assert client.post(SETUP, {"code": code_of(device)}).status_code == 200
    assert list(TOTPDevice.objects.filter(user=secretary.user)) == [device]
    assert not StaticToken.objects.filter(token__in=codes).exists()


@pytest.mark.parametrize("rows", [1, 30])
def test_it_keeps_the_code_page_at_its_pinned_query_count(rows, secretary, cell, django_assert_num_queries):
    """The code page while the login waits for it: the session and the user, whatever the number of devices."""
    from tests.factories import make_member

    enrol(secretary)
    for _ in range(rows):
        enrol(make_member(cell, role="committee"))
    client = log_in(secretary)
    with django_assert_num_queries(2):
        assert client.get(CODE).status_code == 200


def test_the_calendar_feed_is_not_held_by_a_waiting_login(secretary):
    """The feed's secret address is its key and it never reads the login: it answers as to anyone."""
    from assignments.services import calendar_token_reset

    feed = calendar_token_reset(member=secretary)
    client = log_in(secretary)
    assert client.get(reverse("members:list")).status_code == 302
    assert client.get(reverse("assignments:feed", args=[feed.token])).status_code == 200
