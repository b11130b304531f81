"""Mail to members (members.notifications): each kind sent once, to the right people, in Vietnamese,
plain text with an HTML alternative; not to those who turned it off, nor to those without an address."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from assignments.notifications import send_reminders
from evaluations.services import review_open, review_submit
from meetings.services import meeting_publish
from members.models import AuditEntry, Member, Notification, NotificationOptOut, NotificationSent
from members.notifications import notify
from tests.factories import make_meeting, make_member, make_recorded_meeting, make_task


def with_email(*people):
    for person in people:
        person.user.email = f"{person.user.username}@example.vn"
        person.user.save(update_fields=["email"])


@pytest.fixture
def mailed(secretary, committee, member):
    """The three personas with an address; a fourth member of the cell without one."""
    with_email(secretary, committee, member)
    return make_member(secretary.cell, username="noemail", full_name="Trần Văn Bình")


def recipients(outbox) -> list[str]:
    return sorted(address for message in outbox for address in message.to)


def html_of(message) -> str:
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


def test_it_mails_the_published_agenda_to_each_member_with_an_address_once(
    cell, secretary, committee, member, mailed, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://chibo.example.org"
    NotificationOptOut.objects.create(member=committee, kind=Notification.AGENDA_PUBLISHED)
    meeting = make_meeting(cell, month=date(2026, 12, 1), place="Hội trường tầng 2")
    with django_capture_on_commit_callbacks(execute=True):
        meeting_publish(meeting=meeting, by=secretary.user)

    assert recipients(mailoutbox) == ["member@example.vn", "secretary@example.vn"]
    message = next(m for m in mailoutbox if m.to == ["member@example.vn"])
    assert message.subject == "Công bố chương trình: Sinh hoạt chi bộ thường kỳ tháng 12/2026"
    assert "Kính gửi đồng chí Phạm Thị Dung," in message.body
    assert "Hội trường tầng 2" in message.body
    link = f"https://chibo.example.org{meeting.get_absolute_url()}"
    assert link in message.body and f'href="{link}"' in html_of(message)
    assert "Xem chương trình" in html_of(message) and "Cài đặt của tôi" in html_of(message)
    # Told once: the same mail about the same meeting is never sent again.
    sent = notify(
        kind=Notification.AGENDA_PUBLISHED, members=[member], key=f"meeting:{meeting.pk}", context={"meeting": meeting}
    )
    assert sent == 0 and len(mailoutbox) == 2


def test_it_sends_nothing_when_the_change_rolls_back(cell, secretary, member, mailed, mailoutbox):
    meeting = make_meeting(cell, month=date(2026, 12, 1))
    meeting_publish(meeting=meeting, by=secretary.user)  # the test's transaction never commits
    assert mailoutbox == []


def test_it_mails_the_assignee_of_a_new_task_through_the_form(
    cell, secretary, member, mailed, mailoutbox, django_capture_on_commit_callbacks, client_for
):
    from assignments.services import completion_levels

    today = timezone.localdate()
    data = {
        "title": "Rà soát hồ sơ vụ án tháng 12",
        "source": "resolution",
        "assigned_on": today.strftime("%d/%m/%Y"),
        "due_date": (today + timedelta(days=20)).strftime("%d/%m/%Y"),
        "expected_level": completion_levels(cell)[1].pk,
        "priority": "normal",
        "assignees": [member.pk, mailed.pk],
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(secretary).post(reverse("assignments:create"), data)
    assert response.status_code == 302
    assert recipients(mailoutbox) == ["member@example.vn"]  # Trần Văn Bình has no address
    [message] = mailoutbox
    assert message.subject == "Nhiệm vụ mới: Rà soát hồ sơ vụ án tháng 12"
    assert "Đồng chí Nguyễn Văn An đã giao cho đồng chí một nhiệm vụ." in message.body
    assert (today + timedelta(days=20)).strftime("%d/%m/%Y") in html_of(message)


def test_it_reminds_of_tasks_due_soon_and_overdue_once_a_day_and_never_twice(
    cell, secretary, member, committee, mailed, mailoutbox
):
    today = timezone.localdate()
    cell.task_reminder_days = 3
    cell.save()
    soon = make_task(cell, member, title="Báo cáo quý IV", due_date=today + timedelta(days=3))
    make_task(cell, member, title="Báo cáo năm", due_date=today + timedelta(days=4))  # not yet
    late = make_task(
        cell, committee, title="Rà soát đảng phí", assigned_on=today - timedelta(days=20), due_date=today - timedelta(1)
    )
    make_task(cell, mailed, title="Không có địa chỉ", due_date=today + timedelta(days=1))
    mail.outbox.clear()  # the "task assigned" mails are not what this test counts

    call_command("send_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert sorted((m.to[0], m.subject) for m in mailoutbox) == [
        ("committee@example.vn", f"Nhiệm vụ quá hạn từ ngày {late.due_date:%d/%m/%Y}: Rà soát đảng phí"),
        ("member@example.vn", f"Nhiệm vụ đến hạn ngày {soon.due_date:%d/%m/%Y}: Báo cáo quý IV"),
    ]
    due_mail = next(m for m in mailoutbox if m.to == ["member@example.vn"])
    assert "còn 3 ngày nữa đến hạn" in due_mail.body and "còn 3 ngày nữa đến hạn" in html_of(due_mail)

    # A second run the same day sends nothing.
    call_command("send_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mailoutbox) == 2
    assert NotificationSent.objects.filter(kind=Notification.TASK_DUE_SOON).count() == 1

    # The clerk changes N: the task due in 4 days is now within it, and only it is sent.
    cell.task_reminder_days = 4
    cell.save()
    assert send_reminders(today) == {Notification.TASK_DUE_SOON: 1, Notification.TASK_OVERDUE: 0}
    assert len(mailoutbox) == 3 and "Báo cáo năm" in mailoutbox[-1].subject


def test_it_reminds_again_of_an_extended_task_and_not_of_a_finished_one(cell, secretary, member, mailed, mailoutbox):
    from assignments.services import progress_report, task_extend

    today = timezone.localdate()
    task = make_task(cell, member, due_date=today + timedelta(days=1))
    done = make_task(cell, member, title="Đã xong", due_date=today + timedelta(days=1))
    progress_report(task=done, by=member, percent=100, note="", on=today, done=True)
    mail.outbox.clear()
    assert send_reminders(today)[Notification.TASK_DUE_SOON] == 1
    task_extend(task=task, by=secretary, new_due=today + timedelta(days=2), reason="Chờ số liệu")
    assert send_reminders(today)[Notification.TASK_DUE_SOON] == 1  # the new due date is a new reminder
    assert send_reminders(today + timedelta(days=3))[Notification.TASK_OVERDUE] == 1
    assert send_reminders(today + timedelta(days=4))[Notification.TASK_OVERDUE] == 0


def test_it_mails_approved_minutes_to_the_cell_but_not_to_who_turned_it_off(
    cell, secretary, committee, member, mailed, mailoutbox, django_capture_on_commit_callbacks
):
    NotificationOptOut.objects.create(member=member, kind=Notification.MINUTES_APPROVED)
    NotificationOptOut.objects.create(member=member, kind=Notification.AGENDA_PUBLISHED)
    NotificationOptOut.objects.create(member=committee, kind=Notification.AGENDA_PUBLISHED)
    NotificationOptOut.objects.create(member=secretary, kind=Notification.AGENDA_PUBLISHED)
    with django_capture_on_commit_callbacks(execute=True):
        meeting = make_recorded_meeting(cell, month=date(2026, 9, 1), by=secretary.user, approve=True)
    approved = [m for m in mailoutbox if m.subject.startswith("Đã thông qua biên bản")]
    assert recipients(approved) == ["committee@example.vn", "secretary@example.vn"]
    assert approved[0].subject == "Đã thông qua biên bản: Sinh hoạt chi bộ thường kỳ tháng 09/2026"
    assert reverse("meetings:minutes", args=[meeting.pk]) in approved[0].body
    assert "Đề nghị đồng chí đọc và thực hiện" in html_of(approved[0])


def test_it_tells_the_secretary_a_review_sheet_waits(
    cell, secretary, committee, member, mailed, mailoutbox, django_capture_on_commit_callbacks
):
    review = review_open(cell=cell, month=date(2026, 11, 1), by=committee)
    with django_capture_on_commit_callbacks(execute=True):
        review_submit(review=review, by=committee)
    [message] = mailoutbox
    assert message.to == ["secretary@example.vn"]
    assert message.subject == "Bảng nhận xét đảng viên tháng 11/2026 chờ đồng chí xác nhận"
    assert "Đồng chí Lê Văn Cường đã gửi bảng nhận xét đảng viên tháng 11/2026" in message.body
    assert reverse("evaluations:review", args=[2026, 11]) in html_of(message)


def test_a_failing_mail_server_breaks_nothing_and_the_mail_goes_at_the_next_run(
    cell, secretary, member, mailed, mailoutbox, monkeypatch
):
    today = timezone.localdate()
    make_task(cell, member, due_date=today + timedelta(days=1))
    mail.outbox.clear()

    class Down:
        def send_messages(self, messages):
            raise OSError("connection refused")

    monkeypatch.setattr("members.notifications.get_connection", lambda: Down())
    assert send_reminders(today)[Notification.TASK_DUE_SOON] == 0
    assert not NotificationSent.objects.filter(kind=Notification.TASK_DUE_SOON).exists()
    monkeypatch.undo()
    assert send_reminders(today)[Notification.TASK_DUE_SOON] == 1 and len(mailoutbox) == 1


# "Cài đặt của tôi" ----------------------------------------------------------------------------------------


def test_my_settings_turns_a_kind_off_and_sets_the_address_logged(client_for, member):
    client = client_for(member)
    page = client.get(reverse("members:my_settings"))
    assert page.status_code == 200
    content = page.content.decode()
    assert "Cài đặt của tôi" in content and "Tôi được giao một nhiệm vụ" in content
    assert "chờ tôi xác nhận" not in content  # the review sheet goes to the secretary only
    data = {
        "email": " Dung.Pham@Example.vn ",
        "mail_agenda_published": "on",
        "mail_task_due_soon": "on",
        "mail_task_overdue": "on",
        "mail_minutes_approved": "on",
    }
    response = client.post(reverse("members:my_settings"), data)
    assert response.status_code == 302
    member.user.refresh_from_db()
    assert member.user.email == "dung.pham@example.vn"
    assert list(member.notification_opt_outs.values_list("kind", flat=True)) == [Notification.TASK_ASSIGNED]
    entry = AuditEntry.objects.filter(object_id=member.pk, content_type__model="member").first()
    assert entry.changes["email address"] == ["", "dung.pham@example.vn"]
    assert entry.changes["A task is assigned to me"] == [True, False]
    # Turned back on: the row goes.
    client.post(reverse("members:my_settings"), {**data, "mail_task_assigned": "on"})
    assert not member.notification_opt_outs.exists()


@pytest.mark.parametrize(
    "junk",
    [
        {"email": "không phải địa chỉ"},
        {"email": "a" * 300 + "@example.vn"},
        {"email": "x@y", "mail_task_assigned": "\x00" * 3},
    ],
)
def test_my_settings_refuses_junk_in_vietnamese_and_keeps_what_was_typed(client_for, member, junk):
    response = client_for(member).post(reverse("members:my_settings"), junk)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Nhập một địa chỉ thư điện tử hợp lệ" in content or "tối đa 254 ký tự" in content
    assert "nothing you typed" not in content and "Please correct" not in content
    member.user.refresh_from_db()
    assert member.user.email == ""


def test_the_secretary_sees_who_has_no_address_and_a_member_does_not(client_for, secretary, committee, member):
    with_email(secretary, committee)
    text = client_for(secretary).get(reverse("members:list")).content.decode()
    assert "1 đồng chí chưa có địa chỉ thư điện tử, không nhận được thông báo" in text and "Phạm Thị Dung" in text
    assert "chưa có địa chỉ thư điện tử" not in client_for(member).get(reverse("members:list")).content.decode()
    Member.objects.filter(pk=member.pk).update(left_on=date(2020, 1, 1))  # left members are not counted
    assert "chưa có địa chỉ thư điện tử" not in client_for(secretary).get(reverse("members:list")).content.decode()


def test_my_settings_with_every_box_unticked_turns_every_kind_off(client_for, secretary):
    response = client_for(secretary).post(reverse("members:my_settings"), {})
    assert response.status_code == 302
    assert set(secretary.notification_opt_outs.values_list("kind", flat=True)) == set(Notification.values)
