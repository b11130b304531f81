"""Tasks: assigned at the meeting in one form, reported on by their member only, assessed,
extended or closed by the committee, reviewed at the next meeting, exported and in a calendar."""

import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from openpyxl import load_workbook

from assignments import services
from assignments.models import Task
from assignments.selectors import tasks_for_review
from meetings.minutes import compose_minutes
from meetings.models import Meeting
from meetings.selectors import attendance_sheet, record_of, with_record
from members.models import AuditEntry
from tests.factories import make_member, make_task

TODAY = timezone.localdate()


def _row(n, **fields):
    return {f"row-{n}-{name}": value for name, value in fields.items()}


def _assign_data(form_count, rows):
    data = {"row-TOTAL_FORMS": form_count, "row-INITIAL_FORMS": 0, "row-MIN_NUM_FORMS": 0, "row-MAX_NUM_FORMS": 60}
    for row in rows:
        data.update(row)
    return data


def test_it_assigns_the_resolutions_points_at_the_meeting_in_one_form(
    client_for, secretary, committee, member, held_meeting
):
    client = client_for(secretary)
    url = reverse("assignments:from_meeting", args=[held_meeting.pk])
    page = client.get(url).content.decode()
    points = list(held_meeting.record.tasks.all())
    assert points and all(point.content in page for point in points)  # prefilled, nothing typed again
    level = services.completion_levels(held_meeting.cell)[2]
    due = (held_meeting.date + timedelta(days=20)).strftime("%d/%m/%Y")
    rows = [
        _row(0, resolution_task=points[0].pk, title=points[0].content, assignees=[member.pk, committee.pk],
             due_date=due, expected_level=level.pk),
        _row(1, title="Viết bài tham luận chuyển đổi số", assignees=[member.pk], due_date=due, expected_level=level.pk),
        _row(2, title="", expected_level=level.pk),  # an empty row is skipped
    ]  # fmt: skip
    response = client.post(url, _assign_data(3, rows))
    assert response.status_code == 302

    shared = Task.objects.filter(resolution_task=points[0])
    assert {t.assignee for t in shared} == {member, committee}
    assert len({t.group for t in shared}) == 1  # one task for two members: two linked tasks
    single = Task.objects.get(title="Viết bài tham luận chuyển đổi số")
    assert single.meeting == held_meeting and single.assigned_on == held_meeting.date
    assert single.source == Task.Source.RESOLUTION and single.assigned_by == secretary
    assert AuditEntry.objects.filter(object_repr=single.title, action="create").exists()
    assert points[0].content not in client.get(url).content.decode().split("Đã giao tại buổi sinh hoạt này")[0]


def test_it_rejects_bad_rows_and_keeps_what_was_typed(client_for, secretary, member, outsider, held_meeting):
    client = client_for(secretary)
    url = reverse("assignments:from_meeting", args=[held_meeting.pk])
    level = services.completion_levels(held_meeting.cell)[2]
    early = (held_meeting.date - timedelta(days=1)).strftime("%d/%m/%Y")
    later = (held_meeting.date + timedelta(days=5)).strftime("%d/%m/%Y")
    rows = [
        _row(0, title="Nhiệm vụ hạn sai", assignees=[member.pk], due_date=early, expected_level=level.pk),
        _row(1, title="Nhiệm vụ cho người ngoài", assignees=[outsider.pk], due_date=later, expected_level=level.pk),
    ]
    response = client.post(url, _assign_data(2, rows))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Thời hạn không được trước ngày giao nhiệm vụ." in html
    assert "Hãy chọn đảng viên đang sinh hoạt tại chi bộ này." in html
    assert 'value="Nhiệm vụ hạn sai"' in html and 'value="Nhiệm vụ cho người ngoài"' in html
    assert not Task.objects.filter(title__startswith="Nhiệm vụ").exists()


def test_it_refuses_a_member_who_has_left(client_for, secretary, cell, unit):
    gone = make_member(cell, unit=unit, full_name="Trương Văn Rời", left_on=TODAY - timedelta(days=3))
    level = services.completion_levels(cell)[2]
    response = client_for(secretary).post(
        reverse("assignments:create"),
        {
            "title": "Nhiệm vụ",
            "source": "other",
            "assigned_on": TODAY.strftime("%d/%m/%Y"),
            "due_date": TODAY.strftime("%d/%m/%Y"),
            "expected_level": level.pk,
            "priority": "normal",
            "assignees": [gone.pk],
        },
    )
    assert "Hãy chọn đảng viên đang sinh hoạt tại chi bộ này." in response.content.decode()
    assert not Task.objects.filter(assignee=gone).exists()


def test_it_lists_my_tasks_by_due_date_with_overdue_and_due_soon_marked(client_for, cell, member, committee):
    overdue = make_task(cell, member, title="Việc quá hạn", due_date=TODAY - timedelta(days=2))
    soon = make_task(cell, member, title="Việc sắp đến hạn", due_date=TODAY + timedelta(days=3))
    later = make_task(cell, member, title="Việc tháng sau", due_date=TODAY + timedelta(days=40))
    make_task(cell, committee, title="Việc của người khác")
    html = client_for(member).get(reverse("assignments:mine")).content.decode()
    assert html.index(overdue.title) < html.index(soon.title) < html.index(later.title)
    assert "Việc của người khác" not in html
    overdue_card = html[html.index(overdue.title) : html.index(soon.title)]
    soon_card = html[html.index(soon.title) : html.index(later.title)]
    assert "Quá hạn" in overdue_card and "Sắp đến hạn" in soon_card
    assert "Quá hạn" not in html[html.index(later.title) :].split("Nhiệm vụ đã kết thúc")[0]


def test_it_lands_on_the_to_do_page_with_my_tasks_after_login(client_for, cell, member):
    task = make_task(cell, member, title="Việc của tôi")
    response = client_for(member).get(reverse("home"))
    assert response.status_code == 200
    assert reverse("assignments:detail", args=[task.pk]) in response.content.decode()


def test_it_lets_the_member_report_progress_and_mark_done(client_for, cell, member):
    task = make_task(cell, member)
    client = client_for(member)
    url = reverse("assignments:report", args=[task.pk])
    response = client.post(url, {"percent": 150, "reported_on": TODAY.strftime("%d/%m/%Y"), "note": "Đã xong phần 1"})
    assert "Tiến độ tối đa là 100%." in response.content.decode()
    assert "Đã xong phần 1" in response.content.decode()  # nothing lost
    client.post(url, {"percent": 40, "reported_on": TODAY.strftime("%d/%m/%Y"), "note": "Đã xong phần 1"})
    task.refresh_from_db()
    assert task.progress == 40 and task.is_open
    client.post(url, {"percent": 80, "reported_on": TODAY.strftime("%d/%m/%Y"), "done": "on"})
    task.refresh_from_db()
    assert task.state == Task.State.DONE and task.progress == 100 and task.done_on == TODAY and task.done_on_time
    assert list(task.reports.values_list("percent", flat=True)) == [100, 40]
    assert AuditEntry.objects.filter(object_id=task.pk, action="update").count() == 2


def test_it_refuses_progress_on_someone_elses_task(client_for, cell, member, committee):
    theirs = make_task(cell, committee)
    data = {"percent": 90, "reported_on": TODAY.strftime("%d/%m/%Y")}
    assert client_for(member).post(reverse("assignments:report", args=[theirs.pk]), data).status_code == 404
    mine = make_task(cell, member)
    assert client_for(committee).post(reverse("assignments:report", args=[mine.pk]), data).status_code == 403
    theirs.refresh_from_db()
    mine.refresh_from_db()
    assert theirs.progress == 0 and mine.progress == 0
    assert client_for(member).post(reverse("assignments:edit", args=[mine.pk]), {"title": "x"}).status_code == 403


def test_it_lets_the_committee_assess_extend_and_close(client_for, cell, member, committee):
    client = client_for(committee)
    levels = services.completion_levels(cell)
    late = make_task(cell, member, title="Việc chậm", due_date=TODAY - timedelta(days=5))
    response = client.post(
        reverse("assignments:extend", args=[late.pk]), {"new_due": late.due_date.strftime("%d/%m/%Y"), "reason": "x"}
    )
    assert "Thời hạn mới phải sau thời hạn hiện tại." in response.content.decode()
    new_due = TODAY + timedelta(days=7)
    client.post(
        reverse("assignments:extend", args=[late.pk]),
        {"new_due": new_due.strftime("%d/%m/%Y"), "reason": "Chờ kết quả giám định"},
    )
    late.refresh_from_db()
    extension = late.extensions.get()
    assert late.due_date == new_due and extension.previous_due == TODAY - timedelta(days=5)
    assert extension.reason == "Chờ kết quả giám định"

    client.post(reverse("assignments:close", args=[late.pk]), {"reason": "Không bố trí được thời gian"})
    late.refresh_from_db()
    assert late.state == Task.State.NOT_DONE and late.closed_reason == "Không bố trí được thời gian"
    client.post(
        reverse("assignments:assess", args=[late.pk]), {"level": levels[3].pk, "comment": "Cần rút kinh nghiệm"}
    )
    late.refresh_from_db()
    assert late.assessed_level == levels[3] and late.assessed_by == committee and late.assessed_on == TODAY
    page = client.get(late.get_absolute_url()).content.decode()
    old_due = (TODAY - timedelta(days=5)).strftime("%d/%m/%Y")
    assert f"Thời hạn: {old_due} → {new_due:%d/%m/%Y}" in page  # the history in words, dates dd/mm/yyyy
    assert "Mức đánh giá: — → Không hoàn thành" in page
    changes = [entry.changes for entry in AuditEntry.objects.filter(object_id=late.pk, action="update")]
    assert any("due_date" in change for change in changes) and any("assessed_level" in change for change in changes)

    open_task = make_task(cell, member)
    response = client.post(reverse("assignments:assess", args=[open_task.pk]), {"level": levels[0].pk}, follow=True)
    assert "Chỉ đánh giá nhiệm vụ khi đã hoàn thành hoặc đã đóng." in response.content.decode()


def test_it_reviews_the_tasks_due_at_the_next_meeting(client_for, secretary, cell, member, held_meeting):
    month_before = (held_meeting.month - timedelta(days=1)).replace(day=1)
    done = make_task(
        cell, member, title="Việc đã xong", assigned_on=month_before, due_date=month_before.replace(day=20)
    )
    services.progress_report(task=done, by=member, percent=100, note="", on=done.due_date, done=True)
    make_task(cell, member, title="Việc còn dở", assigned_on=month_before, due_date=month_before.replace(day=25))
    make_task(
        cell,
        member,
        title="Việc tháng sau",
        assigned_on=held_meeting.date,
        due_date=held_meeting.date + timedelta(days=40),
    )

    dropped = make_task(
        cell, member, title="Việc bỏ dở", assigned_on=month_before, due_date=month_before.replace(day=26)
    )
    services.task_close_not_done(task=dropped, by=secretary, reason="Chuyển công tác khác")
    levels = {level.label: level for level in services.completion_levels(cell)}
    services.task_assess(task=done, by=secretary, level=levels["Hoàn thành tốt"], comment="")
    services.task_assess(task=dropped, by=secretary, level=levels["Không hoàn thành"], comment="")

    titles = [task.title for task in tasks_for_review(held_meeting)]
    assert titles == ["Việc đã xong", "Việc còn dở", "Việc bỏ dở"]
    html = client_for(secretary).get(held_meeting.get_absolute_url()).content.decode()
    assert "Nhiệm vụ đến hạn cần kiểm điểm" in html and "Việc còn dở" in html and "Việc tháng sau" not in html
    assert "hoàn thành đúng hạn (Hoàn thành tốt)</li>" in html  # the level reached beside the outcome
    assert "không hoàn thành</li>" in html and "(Không hoàn thành)" not in html  # not said twice
    shaped = with_record(Meeting.objects.filter(pk=held_meeting.pk)).get()
    text = compose_minutes(shaped, record_of(shaped), attendance_sheet(shaped))
    assert f"- Việc đã xong (hạn {done.due_date:%d/%m/%Y}): đồng chí Phạm Thị Dung hoàn thành đúng hạn." in text
    assert "- Việc còn dở (hạn 25/09/2026): đồng chí Phạm Thị Dung quá hạn, đạt 0%." in text
    assert "Nhiệm vụ đến hạn" not in client_for(member).get(held_meeting.get_absolute_url()).content.decode()


def test_it_filters_the_overview_and_exports_the_same_columns(client_for, secretary, cell, unit, member, committee):
    make_task(cell, member, title="Việc của Dung", due_date=TODAY - timedelta(days=1))
    make_task(cell, committee, title="Việc của Cường", source=Task.Source.SECTOR)
    client = client_for(secretary)
    html = client.get(reverse("assignments:overview"), {"member": member.pk}).content.decode()
    assert "Việc của Dung" in html and "Việc của Cường" not in html
    html = client.get(reverse("assignments:overview"), {"state": "overdue"}).content.decode()
    assert "Việc của Dung" in html and "Việc của Cường" not in html
    html = client.get(reverse("assignments:overview"), {"source": "sector"}).content.decode()
    assert "Việc của Cường" in html and "Việc của Dung" not in html
    html = client.get(reverse("assignments:overview"), {"month": "13/2026"}).content.decode()
    assert "Hãy nhập tháng theo dạng mm/yyyy" in html

    response = client.get(reverse("assignments:overview_xlsx"), {"source": "sector"})
    assert response["Content-Disposition"].endswith('.xlsx"')
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["Nhiệm vụ"]
    header = [cell.value for cell in sheet[1]]
    assert header[:3] == ["Người thực hiện", "Đơn vị", "Nhiệm vụ"] and "Mức đánh giá" in header
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [row[2] for row in rows] == ["Việc của Cường"]
    assert rows[0][0] == "Lê Văn Cường" and rows[0][3] == "Kế hoạch, chỉ tiêu của ngành"
    counts = list(book["Theo đảng viên"].iter_rows(min_row=2, values_only=True))
    assert counts == [("Lê Văn Cường", 1, 0, 0, 0, 0)]


def test_it_serves_a_private_calendar_that_a_reset_revokes(client, client_for, cell, member, published_meeting):
    task = make_task(cell, member, title="Nộp báo cáo chuyên đề")
    client_for(member).post(reverse("assignments:calendar_reset"))
    token = member.calendar_feed.token
    response = client.get(reverse("assignments:feed", args=[token]))  # no login: the address is the key
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = {str(event["UID"]): event for event in calendar.walk("VEVENT")}
    assert str(events[f"task-{task.pk}@chibo"]["SUMMARY"]) == "Hạn nhiệm vụ: Nộp báo cáo chuyên đề"
    assert events[f"task-{task.pk}@chibo"].decoded("DTSTART") == task.due_date
    assert f"meeting-{published_meeting.pk}@chibo" in events

    client_for(member).post(reverse("assignments:calendar_reset"))
    assert client.get(reverse("assignments:feed", args=[token])).status_code == 404
    assert client.get(reverse("assignments:feed", args=["khong-dung"])).status_code == 404


def test_it_refuses_to_remove_a_level_in_use(client_for, secretary, cell, member):
    task = make_task(cell, member)
    response = client_for(secretary).post(reverse("meetings:levels_delete", args=[task.expected_level_id]), follow=True)
    assert "đang được dùng trong hồ sơ nên không thể xóa" in response.content.decode()
    task.refresh_from_db()
    assert task.expected_level_id


@pytest.mark.parametrize(("page", "who"), [("assignments:mine", "member"), ("assignments:overview", "secretary")])
def test_it_keeps_my_tasks_and_the_overview_flat_from_10_to_300_tasks(page, who, client_for, cell, unit, request):
    person = request.getfixturevalue(who)
    member = request.getfixturevalue("member")
    levels = services.completion_levels(cell)
    client = client_for(person)

    def add(count, start):
        Task.objects.bulk_create(
            Task(
                cell=cell,
                title=f"Việc {i}",
                assignee=member,
                assigned_by=member,
                assigned_on=TODAY - timedelta(days=30),
                due_date=TODAY + timedelta(days=i % 60 - 30),
                expected_level=levels[i % 3],
                state=[Task.State.OPEN, Task.State.DONE, Task.State.NOT_DONE][i % 3],
                assessed_level=levels[i % 4] if i % 3 else None,
            )
            for i in range(start, start + count)
        )

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse(page)).status_code == 200
        return len(ctx.captured_queries)

    add(10, 0)
    small = count()
    add(290, 10)
    assert count() == small


def test_the_overview_counts_the_filtered_tasks_and_pages_them_by_fifty(client_for, cell, secretary, member):
    empty = client_for(secretary).get(reverse("assignments:overview"))
    assert empty.status_code == 200 and "0 nhiệm vụ" in empty.content.decode()  # a cell with no task yet
    levels = services.completion_levels(cell)
    Task.objects.bulk_create(
        Task(
            cell=cell,
            title=f"Việc số {i:03d}",
            assignee=member if i % 3 else secretary,
            assigned_by=secretary,
            assigned_on=TODAY - timedelta(days=30),
            due_date=TODAY + timedelta(days=i),
            expected_level=levels[0],
            state=Task.State.OPEN if i % 2 else Task.State.DONE,
            done_on=None if i % 2 else TODAY,
        )
        for i in range(160)
    )
    client = client_for(secretary)
    response = client.get(reverse("assignments:overview"))
    first = response.content.decode()
    assert "160 nhiệm vụ" in first and "Trang 1/4" in first and first.count("Việc số ") == 50
    counts = {row.member.pk: (row.open, row.on_time) for row in response.context["counts"]}
    assert counts == {member.pk: (53, 53), secretary.pk: (27, 27)}  # every task of the cell, counted by member
    assert "Việc số 159" in first and "Việc số 110" in first and "Việc số 109" not in first  # newest first
    for number, shown in [(2, range(60, 110)), (4, range(0, 10)), (9, range(0, 10))]:  # past the end: the last
        page = client.get(reverse("assignments:overview"), {"page": number}).content.decode()
        assert page.count("Việc số ") == len(shown) and all(f"Việc số {i:03d}<" in page for i in shown)
    first = client.get(reverse("assignments:overview"), {"member": member.pk}).content.decode()
    assert "106 nhiệm vụ" in first and "Trang 1/3" in first  # 160 tasks, a third of them the secretary's
    assert first.count("Việc số ") == 50 and "Việc số 158" in first and "Việc số 159" not in first
    last = client.get(reverse("assignments:overview"), {"member": member.pk, "page": 3}).content.decode()
    assert last.count("Việc số ") == 6 and "Việc số 001" in last and "Việc số 000" not in last
    filtered = client.get(reverse("assignments:overview"), {"member": member.pk}).context["counts"]
    assert [(row.member.pk, row.open) for row in filtered] == [(member.pk, 53)]


def test_my_tasks_lists_the_open_ones_and_the_latest_30_closed_of_their_count(client_for, cell, member, committee):
    levels = services.completion_levels(cell)

    def tasks(person, count, state, title):
        Task.objects.bulk_create(
            Task(
                cell=cell,
                title=f"{title} {i:02d}",
                assignee=person,
                assigned_by=committee,
                assigned_on=TODAY - timedelta(days=60),
                due_date=TODAY - timedelta(days=i),
                expected_level=levels[0],
                state=state,
            )
            for i in range(count)
        )

    client = client_for(member)
    assert client.get(reverse("assignments:mine")).context["tasks"].closed_count == 0
    tasks(member, 2, Task.State.OPEN, "Mở")
    tasks(member, 35, Task.State.DONE, "Xong")
    tasks(committee, 5, Task.State.DONE, "Của người khác")
    page = client.get(reverse("assignments:mine"))
    mine = page.context["tasks"]
    assert [t.title for t in mine.open] == ["Mở 01", "Mở 00"] and mine.closed_count == 35
    assert (
        len(mine.closed) == 30 and mine.closed[0].title == "Xong 00" and "Của người khác" not in page.content.decode()
    )
    assert "30 nhiệm vụ gần nhất trong số 35." in page.content.decode()


def test_it_assigns_one_task_to_several_members_and_corrects_it(client_for, committee, cell, member, secretary):
    client = client_for(committee)
    level = services.completion_levels(cell)[1]
    data = {
        "title": "Tham gia đoàn kiểm tra",
        "source": "superior",
        "source_ref": "Công văn 12-CV/ĐU",
        "assigned_on": TODAY.strftime("%d/%m/%Y"),
        "due_date": (TODAY - timedelta(days=1)).strftime("%d/%m/%Y"),
        "expected_level": level.pk,
        "priority": "high",
        "assignees": [member.pk, secretary.pk],
    }
    response = client.post(reverse("assignments:create"), data)
    assert "Thời hạn không được trước ngày giao nhiệm vụ." in response.content.decode()
    assert 'value="Công văn 12-CV/ĐU"' in response.content.decode()
    data["due_date"] = (TODAY + timedelta(days=9)).strftime("%d/%m/%Y")
    assert client.post(reverse("assignments:create"), data).status_code == 302
    tasks = list(Task.objects.filter(title="Tham gia đoàn kiểm tra"))
    assert {t.assignee for t in tasks} == {member, secretary} and len({t.group for t in tasks}) == 1
    assert all(t.assigned_by == committee and t.source == Task.Source.SUPERIOR for t in tasks)

    task = tasks[0]
    edit = {**data, "title": "Tham gia đoàn kiểm tra liên ngành"}
    del edit["assignees"]
    assert client.post(reverse("assignments:edit", args=[task.pk]), edit).status_code == 302
    task.refresh_from_db()
    assert task.title == "Tham gia đoàn kiểm tra liên ngành"
    assert AuditEntry.objects.filter(object_id=task.pk, action="update", changes__has_key="title").exists()
