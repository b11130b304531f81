"""Demo tasks of Chi bộ 4, through the services: the resolution's points assigned at each meeting,
a task of the sector's plan each month, most done on time, a few late, one closed as not done,
one extended; the demo member ``dangvien`` has one overdue task and one due soon."""

from __future__ import annotations

import zlib
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.utils import timezone

from assignments import services
from assignments.models import Task
from members.models import Member

if TYPE_CHECKING:  # meetings sits above this app: it is named here, never imported at run time
    from meetings.models import Meeting

SECTOR_TASKS = [
    ("Kiểm sát việc giải quyết các vụ án hình sự được phân công đúng thời hạn", "dangvien"),
    ("Hoàn thành báo cáo chuyên đề kiểm sát thi hành án dân sự", "vuha"),
    ("Tham gia đoàn kiểm tra việc tạm giữ, tạm giam tại nhà tạm giữ Công an huyện", "danghung"),
    ("Viết bài tham luận về chuyển đổi số trong công tác kiểm sát", "ngolong"),
]
SOURCE_REF = "Kế hoạch công tác năm của Viện kiểm sát nhân dân tỉnh"


def _levels(cell) -> dict[str, object]:
    return {level.label: level for level in services.completion_levels(cell)}


def assign_at(meeting: Meeting, n: int, members: dict[str, Member], chair: Member, points: bool = True) -> None:
    """The meeting's resolution points become tasks (unless ``points`` is false: last month's points
    are left for the secretary to assign); one task of the sector's plan is added."""
    levels = _levels(meeting.cell)
    expected = levels["Hoàn thành"]
    rows = [
        {
            "title": point.content,
            "assignees": [point.owner] if n % 4 else [point.owner, members["hoangduc"]],
            "due_date": point.deadline,
            "expected_level": expected,
            "resolution_task": point,
            "source": Task.Source.RESOLUTION,
            "source_ref": f"Nghị quyết tháng {meeting.month:%m/%Y}",
            "assigned_on": meeting.date,
        }
        for point in meeting.record.tasks.select_related("owner")
        if points and point.owner and point.deadline
    ]
    title, who = SECTOR_TASKS[n % len(SECTOR_TASKS)]
    rows.append(
        {
            "title": title,
            "assignees": [members[who]],
            "due_date": meeting.date + timedelta(days=20),
            "expected_level": levels["Hoàn thành tốt"],
            "source": Task.Source.SECTOR,
            "source_ref": SOURCE_REF,
            "assigned_on": meeting.date,
        }
    )
    services.tasks_assign_from_meeting(meeting=meeting, by=chair, rows=rows)


def finish_due(cell, until: date, chair: Member, keep: tuple = ()) -> None:
    """Members report on the tasks due before ``until`` (but those in ``keep``); the committee assesses them."""
    levels = _levels(cell)
    due = Task.objects.filter(cell=cell, state=Task.State.OPEN, due_date__lt=until).exclude(pk__in=keep)
    due = due.select_related("assignee")
    for task in due.order_by("pk"):
        i = zlib.crc32(f"{task.title}|{task.assignee.full_name}|{task.due_date}".encode())  # stable, unlike a pk
        halfway = task.assigned_on + (task.due_date - task.assigned_on) / 2
        services.progress_report(
            task=task, by=task.assignee, percent=50, note="Đang thực hiện.", on=halfway, done=False
        )
        if i % 17 == 7:
            services.task_close_not_done(
                task=task, by=chair, reason="Chưa bố trí được thời gian; chi bộ giao lại trong nghị quyết tháng sau."
            )
            services.task_assess(task=task, by=chair, level=levels["Không hoàn thành"], comment="")
            continue
        late = i % 9 == 4
        if late:
            done_on = min(task.due_date + timedelta(days=3), until)
        else:
            done_on = max(halfway, task.due_date - timedelta(days=i % 4))
        services.progress_report(task=task, by=task.assignee, percent=100, note="Đã hoàn thành.", on=done_on, done=True)
        level = "Hoàn thành" if late else "Hoàn thành xuất sắc" if i % 5 == 0 else "Hoàn thành tốt"
        comment = "Hoàn thành chậm hạn." if late else ""
        services.task_assess(task=task, by=chair, level=levels[level], comment=comment)


def load_tasks_now(cell, members: dict[str, Member], chair: Member, meetings: list[Meeting]) -> None:
    """After the demo year: last month's tasks reported, one extended; dangvien overdue and due soon."""
    today = timezone.localdate()
    last, current = meetings[-2], meetings[-1]
    levels = _levels(cell)
    overdue = services.task_assign(
        cell=cell,
        by=chair,
        assignees=[members["dangvien"]],
        fields={
            "title": "Hoàn thiện hồ sơ kiểm sát vụ án trộm cắp tài sản để báo cáo lãnh đạo Viện",
            "source": Task.Source.SECTOR,
            "source_ref": SOURCE_REF,
            "meeting": last,
            "assigned_on": last.date,
            "due_date": max(last.date, today - timedelta(days=4)),
            "expected_level": levels["Hoàn thành"],
            "priority": Task.Priority.HIGH,
        },
    )[0]
    services.progress_report(
        task=overdue,
        by=overdue.assignee,
        percent=60,
        note="Còn chờ kết quả giám định.",
        on=max(overdue.assigned_on, today - timedelta(days=6)),
        done=False,
    )
    services.task_assign(
        cell=cell,
        by=chair,
        assignees=[members["dangvien"]],
        fields={
            "title": "Chuẩn bị ý kiến tham gia dự thảo nghị quyết tháng tới",
            "source": Task.Source.RESOLUTION,
            "source_ref": f"Nghị quyết tháng {current.month:%m/%Y}",
            "meeting": current,
            "assigned_on": current.date,
            "due_date": today + timedelta(days=3),
            "expected_level": levels["Hoàn thành"],
        },
    )
    finish_due(cell, until=today, chair=chair, keep=(overdue.pk,))
    for days, (title, who) in [(10, SECTOR_TASKS[1]), (20, SECTOR_TASKS[2])]:
        services.task_assign(
            cell=cell,
            by=chair,
            assignees=[members[who]],
            fields={
                "title": title,
                "source": Task.Source.SECTOR,
                "source_ref": SOURCE_REF,
                "meeting": current,
                "assigned_on": current.date,
                "due_date": max(current.date, today + timedelta(days=days)),
                "expected_level": levels["Hoàn thành tốt"],
            },
        )
    extended = Task.objects.filter(cell=cell, state=Task.State.OPEN, meeting=current, assignee=members["vuha"]).first()
    services.task_extend(
        task=extended,
        by=chair,
        new_due=extended.due_date + timedelta(days=10),
        reason="Chờ ý kiến của Đảng ủy cấp trên.",
    )
