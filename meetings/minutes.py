"""Drafts the text of the minutes from the structured record, the way a cell's minutes read
(domain.md, "How real minutes read"): the procedure in the opening paragraph, then each
substantive item with its report, the discussion by name and the chair's conclusion on it.

The end of the minutes (the chair's conclusion of the meeting, the vote, the quality score,
the closing line) is printed from the record itself by ``meetings.pdf``, so it stays in order."""

import re
from collections import OrderedDict
from datetime import date, timedelta

from django.utils import translation

from assignments.selectors import tasks_for_review
from dues.selectors import month_figures
from meetings.models import Category, Meeting, MeetingRecord, Section
from meetings.selectors import AttendanceSheet, tasks_to_review
from members.models import Member

# Posts as Party documents write them after a name: "đồng chí Nguyễn Văn An, Bí thư Chi bộ".
POSTS = {
    Member.Role.SECRETARY: "Bí thư Chi bộ",
    Member.Role.DEPUTY: "Phó Bí thư Chi bộ",
    Member.Role.COMMITTEE: "Chi ủy viên",
}
CONCLUSION = re.compile(r"^\s*(đồng chí chủ trì )?kết luận\b", re.IGNORECASE)
HEADING = "NỘI DUNG"
DISCUSSION = "Ý kiến thảo luận:"


def share(part: int | None, whole: int | None) -> str:
    """A percentage as the minutes write it: ``87,5`` (Vietnamese decimal comma), ``100``."""
    if not part or not whole:
        return "0"
    value = round(100 * part / whole, 1)
    return f"{value:g}".replace(".", ",")


def reviewed_month(meeting: Meeting) -> date:
    """The month a regular meeting reviews: a meeting early in a month (the 5th) reviews the month before and
    plans its own; one late in the month (the 28th) reviews its own month and plans the next."""
    return (meeting.date - timedelta(days=15)).replace(day=1)


def title_line(meeting: Meeting) -> str:
    if meeting.kind == Meeting.Kind.THEMATIC:
        return f"Sinh hoạt chuyên đề: {meeting.topic}"
    if meeting.kind == Meeting.Kind.EXTRAORDINARY:
        return "Sinh hoạt chi bộ bất thường"
    return f"Sinh hoạt chi bộ thường kỳ tháng {meeting.month.month} năm {meeting.month.year}"


def title_lower(meeting: Meeting) -> str:
    """The title inside a sentence: only its first letter lowered, names keep their capitals."""
    if meeting.kind == Meeting.Kind.THEMATIC:
        return f"sinh hoạt chi bộ chuyên đề “{meeting.topic}”"
    title = title_line(meeting)
    return title[0].lower() + title[1:]


def post_of(member: Member | None) -> str:
    return POSTS.get(member.role, "") if member else ""


def comrade(member: Member | None, *, post: bool = True) -> str:
    """``đồng chí Nguyễn Văn An, Bí thư Chi bộ``; a blank to fill in by hand when nobody is set."""
    if member is None:
        return "đồng chí …"
    title = post_of(member) if post else ""
    return f"đồng chí {member.full_name}" + (f", {title}" if title else "")


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lower_first(text: str) -> str:
    text = text.strip().rstrip(".")
    return text[:1].lower() + text[1:] if text else text


def _names(rows, with_reason: bool) -> str:
    parts = []
    for row in rows:
        reason = _lower_first(row.attendance.reason) if with_reason and row.attendance.reason else ""
        parts.append(f"đồng chí {row.member.full_name}" + (f", {reason}" if reason else ""))
    return "; ".join(parts)


def attendance_phrase(sheet: AttendanceSheet) -> str:
    """``Có mặt 8/9 đồng chí, vắng 1 đồng chí có lý do (đồng chí Ngô Văn Long, đi công tác).``

    Zero counts are left out; the absent are named."""
    excused = [row for row in sheet.rows if row.status == "excused"]
    unexcused = [row for row in sheet.rows if row.status == "unexcused"]
    text = f"Có mặt {sheet.present}/{sheet.total} đồng chí"
    groups = []
    if excused:
        groups.append(f"{len(excused)} đồng chí có lý do ({_names(excused, True)})")
    if unexcused:
        groups.append(f"{len(unexcused)} đồng chí không lý do ({_names(unexcused, False)})")
    if len(groups) == 1:
        text += f", vắng {groups[0]}"
    elif groups:
        text += f", vắng {len(excused) + len(unexcused)} đồng chí: " + "; ".join(groups)
    late = [row.member.full_name for row in sheet.rows if row.status == "late"]
    text += "."
    if late:
        text += " " + ("Đồng chí " if len(late) == 1 else "Các đồng chí ") + ", ".join(late) + " đến muộn."
    return text


def membership_phrase(sheet: AttendanceSheet) -> str:
    """``Tổng số đảng viên của chi bộ: 9 đồng chí (8 chính thức, 1 dự bị).``, zero counts left out."""
    text = f"Tổng số đảng viên của chi bộ: {sheet.total} đồng chí"
    if sheet.probationary:
        text += f" ({sheet.official} chính thức, {sheet.probationary} dự bị)"
    others = []
    if sheet.exempt:
        others.append(f"{sheet.exempt} đồng chí được miễn công tác và sinh hoạt đảng")
    if sheet.temporary:
        others.append(f"{sheet.temporary} đồng chí sinh hoạt tạm thời")
    return text + ("; " + "; ".join(others) if others else "") + "."


def guests_phrase(record: MeetingRecord) -> str:
    guests = [_lower_first(line) for line in record.guests.splitlines() if line.strip()]
    return ("Đại biểu dự: " + "; ".join(guests) + ".") if guests else ""


def opening_lines(meeting: Meeting, record: MeetingRecord, sheet: AttendanceSheet) -> list[str]:
    """The procedure, in the opening paragraphs: time, place, chair, minute-taker, attendance, guests, dues."""
    opened = record.opened_at or meeting.start_time
    when = f"Vào hồi {opened:%H} giờ {opened:%M} phút, ngày" if opened else "Ngày"
    lines = [
        f"{when} {meeting.date:%d/%m/%Y}, tại {meeting.place or '…'}, {meeting.cell.name} tiến hành "
        f"{title_lower(meeting)}.",
        f"Chủ trì: {comrade(meeting.chair)}. Thư ký: {comrade(meeting.minute_taker)}.",
        f"{membership_phrase(sheet)} {attendance_phrase(sheet)}",
    ]
    if guests := guests_phrase(record):
        lines.append(guests)
    if dues := dues_phrase(meeting, record):
        lines.append(f"Tình hình đảng phí: {dues}")
    return lines


def dues_phrase(meeting: Meeting, record: MeetingRecord | None) -> str:
    """The dues item: the reviewed month's figures from the ledger (``7/9 đồng chí đã nộp đảng phí tháng 10/2026,
    tổng số 1.250.000 đồng.``) when the cell keeps its dues there, then what the record's note adds."""
    note = record.dues_status.strip() if record is not None else ""
    if meeting.kind != Meeting.Kind.REGULAR:
        return note
    figures = month_figures(meeting.cell, reviewed_month(meeting))
    if not figures.kept:
        return note
    return f"{figures.sentence}." + (f" {_capital(note)}" if note else "")


def is_substantive(item) -> bool:
    """An item of the content, not a step of the procedure (opening, minute-taker, programme, closing)."""
    return item.section == Section.CONTENT and item.category != Category.PROCEDURE


def carry_over(meeting: Meeting, record: MeetingRecord) -> list[tuple]:
    """The previous resolution's tasks, each once, with its outcome: (task, outcome).

    The outcome is the one reviewed at this meeting, else what the assigned members reported."""
    reviews = {review.task_id: review for review in record.reviews.all()} if record.pk else {}
    assigned = None  # what members reported, read only when a task was not reviewed
    rows = []
    for task in tasks_to_review(meeting):
        review = reviews.get(task.pk)
        if review:
            outcome = review.get_result_display().lower() + (f" ({review.note})" if review.note else "")
            rows.append((task, outcome))
            continue
        assigned = _assignments_by_point(meeting) if assigned is None else assigned
        if task.pk in assigned:
            outcome = "; ".join(sorted({t.outcome for t in assigned[task.pk]}))
        else:
            outcome = "chưa báo cáo kết quả"
        rows.append((task, outcome))
    return rows


def _assignments_by_point(meeting: Meeting) -> dict:
    by_point: dict[int, list] = {}
    for task in tasks_for_review(meeting):
        if task.resolution_task_id:
            by_point.setdefault(task.resolution_task_id, []).append(task)
    return by_point


def other_due_tasks(meeting: Meeting, points: list) -> list[str]:
    """Tasks due that no resolution point gave (the sector's plan …), each once with its members."""
    reviewed = {task.pk for task, _outcome in points}
    grouped: OrderedDict = OrderedDict()
    for task in tasks_for_review(meeting):
        if task.resolution_task_id in reviewed:
            continue
        grouped.setdefault((task.title, task.due_date), {}).setdefault(task.assignee_id, task)
    lines = []
    for (title, due), tasks in grouped.items():
        who = "; ".join(f"đồng chí {t.assignee_name} {t.outcome}" for t in tasks.values())
        lines.append(f"- {title} (hạn {due:%d/%m/%Y}): {who}.")
    return lines


def item_lines(meeting: Meeting, record: MeetingRecord, item, number: int, announcements: list) -> list[str]:
    """One substantive item: the report, the carry-over, the discussion by name, the chair's conclusion.
    Empty when nothing was recorded on it."""
    recorded = [line.strip() for line in item.record.splitlines() if line.strip()]
    report = [line for line in recorded if not CONCLUSION.match(line)]
    concluded = [line for line in recorded if CONCLUSION.match(line)]
    body = []
    if report:
        if item.presenter:
            who = _capital(comrade(item.presenter)) + ("," if post_of(item.presenter) else "")
            body.append(f"{who} trình bày: {report[0]}")
        else:
            body.append(report[0])
        body.extend(report[1:])
    if item.key == "carry_over":
        points = carry_over(meeting, record)
        if points:
            body.append("Kết quả thực hiện nghị quyết tháng trước:")
            for task, outcome in points:
                owner = f"đồng chí {task.owner.full_name}" if task.owner else "…"
                due = f", hạn {task.deadline:%d/%m/%Y}" if task.deadline else ""
                body.append(f"- {task.content}: {owner}{due}: {outcome}.")
        others = other_due_tasks(meeting, points)
        if others:
            body.append("Các nhiệm vụ khác đến hạn:")
            body.extend(others)
    if item.key == "praise_criticism":
        body.extend(
            f"- {said.get_kind_display()} đồng chí {said.member.full_name}: {said.text}" for said in announcements
        )
    speeches = list(item.speeches.all())
    if speeches:
        body.append(DISCUSSION)
        body.extend(f"- Đồng chí {speech.member.full_name}: {speech.summary.strip()}" for speech in speeches)
    body.extend(concluded)
    return [f"{number}. {item.title.rstrip('.')}.", *body] if body else []


def compose_minutes(meeting: Meeting, record: MeetingRecord, sheet: AttendanceSheet) -> str:
    """``meeting`` shaped by ``with_record``; ``record`` by ``record_of``."""
    with translation.override("vi"):
        lines = opening_lines(meeting, record, sheet)
        announcements = list(meeting.announcements.select_related("member").order_by("kind", "pk"))
        body, number = [], 0
        for item in meeting.items.all():
            block = item_lines(meeting, record, item, number + 1, announcements) if is_substantive(item) else []
            if block:
                number += 1
                body.extend(block)
        if body:
            lines += [HEADING, *body]
        return "\n".join(lines)
