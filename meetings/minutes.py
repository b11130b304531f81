"""Drafts the text of the minutes from the structured record (attendance, items, speeches, vote)."""

from django.template.loader import render_to_string
from django.utils import translation

from assignments.selectors import tasks_for_review
from meetings.models import Meeting, MeetingRecord
from meetings.selectors import AttendanceSheet


def share(part: int | None, whole: int | None) -> str:
    """A percentage as the minutes write it: ``87,5`` (Vietnamese decimal comma), ``100``."""
    if not part or not whole:
        return "0"
    value = round(100 * part / whole, 1)
    return f"{value:g}".replace(".", ",")


def title_line(meeting: Meeting) -> str:
    if meeting.kind == Meeting.Kind.THEMATIC:
        return f"Sinh hoạt chi bộ chuyên đề: {meeting.topic}"
    if meeting.kind == Meeting.Kind.EXTRAORDINARY:
        return "Sinh hoạt chi bộ bất thường"
    return f"Sinh hoạt chi bộ thường kỳ tháng {meeting.month.month} năm {meeting.month.year}"


def title_lower(meeting: Meeting) -> str:
    """The title inside a sentence: only its first letter lowered, names keep their capitals."""
    title = title_line(meeting)
    return title[0].lower() + title[1:]


def compose_minutes(meeting: Meeting, record: MeetingRecord, sheet: AttendanceSheet) -> str:
    """``meeting`` shaped by ``with_record``; ``record`` by ``record_of``."""
    excused = [
        f"đồng chí {row.member.full_name} ({row.attendance.reason})" for row in sheet.rows if row.status == "excused"
    ]
    with translation.override("vi"):
        return render_to_string(
            "meetings/text/minutes_draft.txt",
            {
                "meeting": meeting,
                "cell": meeting.cell,
                "record": record,
                "sheet": sheet,
                "opened": record.opened_at or meeting.start_time,
                "title_lower": title_lower(meeting),
                "excused": excused,
                "unexcused": [f"đồng chí {name}" for name in sheet.names("unexcused")],
                "late": [f"đồng chí {name}" for name in sheet.names("late")],
                "guests": [line.strip() for line in record.guests.splitlines() if line.strip()],
                "items": list(meeting.items.all()),
                "tasks": list(record.tasks.all()),
                "share_for": share(record.votes_for, record.vote_base),
                "due_tasks": tasks_for_review(meeting),
                "announcements": list(meeting.announcements.select_related("member").order_by("kind", "pk")),
            },
        ).strip()
