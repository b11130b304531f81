"""The demo Đảng bộ: Chi bộ 4 (its full year, loaded by chibo.demo), Chi bộ 2 and three small cells with a
year of meetings each, told so that the committee's overview differs per cell:

- Chi bộ 1 and Chi bộ 2 meet on time every month, approve their minutes at the meeting, report the next day;
- Chi bộ 3 falls behind: it skipped a meeting two months ago, held last month's early in the next month,
  held no thematic meeting last quarter, reports its resolutions late and leaves tasks overdue;
- Chi bộ 5 meets on time but approves its minutes a week or more after the meeting.
"""

from datetime import date, time, timedelta

from django.utils import timezone

from assignments.models import Task
from assignments.services import completion_levels, task_assign
from core.months import month_after
from meetings import services
from meetings.demo import backdate_approval, latest_held_month
from meetings.minutes import compose_minutes
from meetings.models import AgendaItem, Category, Meeting, Section
from meetings.selectors import attendance_sheet, record_of, with_record
from members.models import Cell, Member

MONTHS = 12
THEMES = [
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "Nâng cao chất lượng sinh hoạt chi bộ theo Chỉ thị 50-CT/TW",
]


def load_history(cell: Cell, members: list[Member], style: str) -> None:
    """Six months of ``cell``'s meetings in the given style ("good", "behind", "late_minutes"), once."""
    if Meeting.objects.filter(cell=cell).exists():
        return
    latest = latest_held_month()
    months = [latest]
    for _ in range(MONTHS - 1):
        months.insert(0, date(months[0].year - (months[0].month == 1), (months[0].month - 2) % 12 + 1, 1))
    by, secretary = members[0].user, members[0]
    for n, month in enumerate(months):
        if style == "behind" and n == MONTHS - 3:
            continue  # the month two before the last: no meeting at all
        day = month.replace(day=8)
        if style == "behind" and n == MONTHS - 2:
            day = month_after(month) + timedelta(days=2)  # last month's meeting, held in the next month
        if day > timezone.localdate():
            day = month.replace(day=min(8, timezone.localdate().day))
        _regular(cell, month, day, members, by, n, style)
        if month.month % 3 == 0 and not (style == "behind" and n >= MONTHS - 3):
            _thematic(cell, month, members, n)
    if style == "behind":
        levels = completion_levels(cell)
        for who, title, days in [
            (members[1], "Cập nhật số liệu thống kê tội phạm quý", 20),
            (members[2], "Hoàn thiện hồ sơ đảng viên", 9),
        ]:
            task_assign(
                cell=cell,
                by=secretary,
                assignees=[who],
                fields={
                    "title": title,
                    "source": Task.Source.RESOLUTION,
                    "assigned_on": timezone.localdate() - timedelta(days=days + 20),
                    "due_date": timezone.localdate() - timedelta(days=days),
                    "expected_level": levels[2],
                },
            )


def _regular(cell, month, day, members, by, n, style):
    meeting = services.meeting_prepare(cell=cell, month=month, by=by)
    meeting.date = day
    meeting.start_time = time(8, 0)
    meeting.place = "Phòng họp tầng 1, Viện kiểm sát nhân dân tỉnh Tuyên Quang"
    meeting.minute_taker = members[1]
    late = style == "behind"
    if not (late and n == MONTHS - 1):  # Chi bộ 3 has not reported last month's resolution at all
        meeting.resolution_posted_on = day + timedelta(days=6 if late else 1)
    meeting.save()
    services.meeting_publish(meeting=meeting, by=by)
    services.meeting_hold(meeting=meeting, by=by)
    absent = members[-1] if (style == "behind" and n % 3 == 1) or (style == "late_minutes" and n == 1) else None
    marks = {m: ("excused", "Đi công tác") if m == absent else ("present", "") for m in members}
    details = {"opened_at": time(8, 0), "closed_at": time(9, 40), "guests": "", "dues_status": "Đã nộp đủ."}
    services.attendance_save(meeting=meeting, marks=marks, details=details, by=by)
    items = list(meeting.items.all())
    for item in items:
        services.item_record_save(meeting=meeting, item=item, record="", actual_minutes=item.planned_minutes, by=by)
    content = next(item for item in items if item.section == Section.CONTENT)
    services.speech_add(
        meeting=meeting, item=content, member=members[0], summary="Báo cáo kết quả công tác tháng.", by=by
    )
    sheet = attendance_sheet(with_record(Meeting.objects.filter(pk=meeting.pk)).get())
    voters = sum(1 for row in sheet.rows if row.counted and row.present)
    criteria = services.scoring_sheet(cell)
    lower = 12 if late else 3  # points below the top of each criterion, a little for the sake of realism
    scores = [
        {"label": c.label, "max": c.max_points, "points": max(0, c.max_points - (lower if i == 3 else n % 2))}
        for i, c in enumerate(criteria)
    ]
    services.resolution_save(
        meeting=meeting,
        fields={
            "assessment": "Chi bộ lãnh đạo thực hiện nhiệm vụ chuyên môn của phòng trong tháng.",
            "directions": "Tiếp tục thực hiện nhiệm vụ chuyên môn; quán triệt Chỉ thị 50-CT/TW.",
            "votes_for": voters,
            "votes_against": 0,
            "votes_abstain": 0,
        },
        scores=scores,
        tasks=[(None, "Hoàn thành chỉ tiêu nghiệp vụ tháng", members[1], month_after(month).replace(day=25), False)],
        reviews=[],
        base=sheet.base,
        by=by,
    )
    shaped = with_record(Meeting.objects.filter(pk=meeting.pk)).get()
    text = compose_minutes(shaped, record_of(shaped), attendance_sheet(shaped))
    services.minutes_save(meeting=meeting, minutes_text=text, conclusion="Chi bộ thống nhất.", by=by)
    services.minutes_approve(meeting=meeting, by=by)
    delay = 8 + n % 3 if style == "late_minutes" else 4 if late else 0
    backdate_approval(meeting, min(day + timedelta(days=delay), timezone.localdate()))


def _thematic(cell, month, members, n):
    meeting = Meeting.objects.create(
        cell=cell,
        kind=Meeting.Kind.THEMATIC,
        topic=THEMES[n % 2],
        month=month,
        date=month.replace(day=20),
        start_time=time(14, 0),
        place="Phòng họp tầng 1, Viện kiểm sát nhân dân tỉnh Tuyên Quang",
        chair=members[0],
        minute_taker=members[1],
        status=Meeting.Status.HELD,
    )
    rows = [
        (Section.OPENING, "Tuyên bố lý do; thông qua chương trình", Category.PROCEDURE, 5),
        (Section.CONTENT, f"Báo cáo đề dẫn chuyên đề: {THEMES[n % 2]}", Category.PARTY, 40),
        (Section.CONTENT, "Thảo luận, liên hệ nhiệm vụ chuyên môn", Category.PROFESSIONAL, 60),
        (Section.CLOSING, "Chủ trì kết luận; bế mạc", Category.PROCEDURE, 15),
    ]
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, section=s, position=i, title=t, category=c, planned_minutes=m)
        for i, (s, t, c, m) in enumerate(rows, start=1)
    )
