"""Security: login throttling with a Vietnamese lock-out page, Argon2 hashes, CSRF on every POST,
and backups that restore what they saved."""

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse

from core import pagecache
from tests import seeded
from tests.routes import post_routes
from tests.test_permissions import MATRIX


def test_it_locks_a_login_after_five_wrong_passwords(client, member):
    member.user.set_password("mat-khau-dung-2026")
    member.user.save()
    url = reverse("login")
    for _ in range(4):
        response = client.post(url, {"username": "member", "password": "sai"})
        assert response.status_code == 200 and "Đăng nhập" in response.content.decode()
    assert client.post(url, {"username": "member", "password": "sai"}).status_code == 429  # the fifth locks
    response = client.post(url, {"username": "member", "password": "mat-khau-dung-2026"})
    assert response.status_code == 429
    html = response.content.decode()
    assert "Nhập sai mật khẩu quá nhiều lần" in html and "15 phút" in html
    assert "_auth_user_id" not in client.session  # even the right password waits
    other = Client()
    assert (
        other.post(url, {"username": "member", "password": "mat-khau-dung-2026"}, REMOTE_ADDR="10.0.0.9").status_code
        == 302
    )


def test_it_hashes_passwords_with_argon2(member):
    member.user.set_password("mot-mat-khau-moi-2026")
    member.user.save()
    assert member.user.password.startswith("argon2")


def post_row(name):
    """The first POST row of the permission matrix for a route: its arguments and expected answers."""
    return next(case for case in MATRIX if case[0] == name and case[2] == "post")


@pytest.mark.parametrize("name", [*post_routes(), "logout", "set_language"])
def test_it_refuses_every_post_without_a_csrf_token(name, world, secretary, caplog):
    """Every route that accepts POST (read from the URLconf) answers Django's CSRF failure itself."""
    _name, args, _method, data, _expected = post_row(name)
    client = Client(enforce_csrf_checks=True)
    client.force_login(secretary.user)
    url = reverse(name, args=args(world) if args else None)
    with caplog.at_level("WARNING", logger="django.security.csrf"):
        response = client.post(url, data)
    assert response.status_code == 403
    refusals = [r for r in caplog.records if r.name == "django.security.csrf" and "CSRF" in r.getMessage()]
    assert refusals and refusals[0].args[-1] == url, f"{name}: a 403, but not Django's CSRF failure"


def _table_fingerprints() -> dict:
    result = {}
    with connection.cursor() as cursor:
        for model in apps.get_models():
            table = model._meta.db_table
            if table == pagecache.VERSION_TABLE:  # not data: the page cache's key, moved on by the restore
                continue
            cursor.execute(f"SELECT md5(string_agg(t::text, '|' ORDER BY t::text)), count(*) FROM \"{table}\" t")  # noqa: S608
            result[table] = cursor.fetchone()
    return result


@pytest.mark.django_db(transaction=True)
def test_it_restores_a_backup_without_losing_anything(settings, tmp_path):
    settings.DEBUG = True
    seeded.seed_demo()
    before = _table_fingerprints()
    assert before["members_member"][1] > 10 and before["meetings_meeting"][1] > 10
    call_command("backup", dir=str(tmp_path), stdout=open("/dev/null", "w"))
    [dump] = list(tmp_path.glob("chibo-*.dump"))
    with connection.cursor() as cursor:
        cursor.execute('TRUNCATE "members_auditentry"')  # it refuses DELETE (core.frozen), not TRUNCATE
        cursor.execute('UPDATE "members_cell" SET name = %s', ["Đã sửa sau khi sao lưu"])
    assert _table_fingerprints() != before
    changed = pagecache.current_version()
    call_command("restore", str(dump), stdout=open("/dev/null", "w"))
    assert _table_fingerprints() == before
    assert pagecache.current_version() > changed  # no page cached before the restore is served after it


def test_it_answers_503_at_once_while_the_database_is_down(client_for, secretary, monkeypatch):
    from django.db import OperationalError

    import members.views

    def lost(**kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(members.views, "member_list", lost)
    response = client_for(secretary).get(reverse("members:list"))
    assert response.status_code == 503 and response["Retry-After"] == "60"
    assert "Hiện không kết nối được cơ sở dữ liệu" in response.content.decode()


@pytest.mark.parametrize("page_cache_seconds", [0, 300])
def test_it_answers_503_when_the_database_is_lost_while_the_session_is_read(
    page_cache_seconds, settings, client_for, secretary, monkeypatch
):
    """The page cache reads the session in a middleware, where an exception would become a 500."""
    from django.db import OperationalError

    import core.sessions

    settings.PAGE_CACHE_SECONDS = page_cache_seconds
    client = client_for(secretary)

    def lost(self):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(core.sessions.SessionStore, "load", lost)
    response = client.get(reverse("members:list"))
    assert response.status_code == 503 and response["Retry-After"] == "60"


@pytest.mark.parametrize(
    "path",
    ["/evaluations/classification/99999/", "/evaluations/classification/0.pdf", "/supervision/coverage/40000/",
     "/evaluations/reviews/2026/13/", "/evaluations/reviews/2026/0/"],
)  # fmt: skip
def test_it_answers_404_to_impossible_years_and_months(path, client_for, secretary):
    assert client_for(secretary).get(path).status_code == 404
