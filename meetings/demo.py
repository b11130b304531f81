"""Demo meetings of Chi bộ 4: the past twelve months held, a thematic meeting each
quarter, and next month's meeting prepared but not published."""

from datetime import date, datetime, time, timedelta

import pgtrigger
from django.utils import timezone

from meetings import services
from meetings.models import AgendaItem, Category, GuidingDocument, Meeting, MeetingRecord, Section
from members.models import Cell, Member

DOCUMENTS = [
    ("50-CT/TW", date(2025, 7, 21), "Ban Chấp hành Trung ương",
     "Chỉ thị về nâng cao chất lượng sinh hoạt chi bộ trong tình hình mới",
     "Thay Chỉ thị 10-CT/TW: sinh hoạt thường kỳ ít nhất 90 phút, chuyên đề ít nhất mỗi quý một lần."),
    ("42-HD/BTCTW", date(2025, 10, 28), "Ban Tổ chức Trung ương",
     "Hướng dẫn thực hiện Chỉ thị 50-CT/TW về nâng cao chất lượng sinh hoạt chi bộ",
     "Quy trình chuẩn bị, nội dung và cách đánh giá chất lượng buổi sinh hoạt."),
    ("16-ĐA/TU", date(2020, 1, 3), "Tỉnh ủy Tuyên Quang",
     "Đề án nâng cao chất lượng sinh hoạt chi bộ", "Đề án của Tỉnh ủy được bài viết trích dẫn."),
    ("01-CT/TU", date(2021, 9, 10), "Tỉnh ủy Tuyên Quang",
     "Chỉ thị về tăng cường công tác xây dựng Đảng", "Chỉ thị của Tỉnh ủy được bài viết trích dẫn."),
    ("11-NQ/ĐUK", date(2021, 3, 10), "Đảng ủy Khối",
     "Nghị quyết về nâng cao năng lực lãnh đạo, sức chiến đấu của tổ chức cơ sở đảng", ""),
]  # fmt: skip

THEMES = [
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về trách nhiệm nêu gương của đảng viên",
    "Nâng cao chất lượng công tác kiểm sát điều tra, truy tố các vụ án hình sự",
    "Phòng, chống tham nhũng, tiêu cực trong hoạt động tư pháp",
    "Chuyển đổi số trong công tác kiểm sát",
]

NEWS = [
    "Quán triệt Chỉ thị 50-CT/TW và Hướng dẫn 42-HD/BTCTW về nâng cao chất lượng sinh hoạt chi bộ",
    "Thông tin thời sự trong nước và quốc tế; văn bản mới của Đảng ủy cấp trên",
    "Học tập chuyên đề năm về tư tưởng, đạo đức, phong cách Hồ Chí Minh",
]


def _documents(cell: Cell) -> dict:
    return {
        number: GuidingDocument.objects.update_or_create(
            cell=cell, number=number, defaults={"issued_on": on, "issuer": who, "title": title, "summary": summary}
        )[0]
        for number, on, who, title, summary in DOCUMENTS
    }


MEETING_DAY = 5  # the demo's regular meetings are on the 5th (meeting_prepare's default day)


def latest_held_month(today: date | None = None) -> date:
    """The month of the demo's last held meeting: this month once its meeting day has come, else the
    month before (on the 1st to the 4th, this month's meeting still lies ahead)."""
    today = today or timezone.localdate()
    if today.day >= MEETING_DAY:
        return today.replace(day=1)
    return date(today.year - (today.month == 1), (today.month - 2) % 12 + 1, 1)


def demo_members(cell: Cell) -> dict[str, Member]:
    return {m.user.username: m for m in Member.objects.filter(cell=cell).select_related("user")}


def load_documents(cell: Cell) -> dict:
    """The guiding documents register; the agendas cite them."""
    return _documents(cell)


def held_meeting(cell: Cell, month: date, n: int, members: dict[str, Member], docs: dict, by) -> Meeting:
    """The regular meeting of ``month`` prepared, published two days before and held (the n-th of the year)."""
    meeting = services.meeting_prepare(cell=cell, month=month, by=by)
    meeting.place = "Phòng họp tầng 2, Viện kiểm sát nhân dân tỉnh Tuyên Quang"
    meeting.start_time = time(14, 0)
    meeting.minute_taker = members["builan"]
    meeting.content_agreed_on = meeting.date - timedelta(days=4)
    meeting.notified_on = meeting.date - timedelta(days=3)
    meeting.handbook_posted_on = meeting.date - timedelta(days=2 if n % 5 else 0)
    meeting.resolution_posted_on = meeting.date + timedelta(days=1)
    meeting.save()
    news = meeting.items.get(key="news")
    news.notes = NEWS[n % len(NEWS)]
    news.save(update_fields=["notes"])
    news.documents.add(docs["50-CT/TW"] if n % 2 else docs["42-HD/BTCTW"])
    services.meeting_publish(meeting=meeting, by=by)
    Meeting.objects.filter(pk=meeting.pk).update(
        published_at=timezone.make_aware(datetime.combine(meeting.date - timedelta(days=2), time(8)))
    )
    services.meeting_hold(meeting=meeting, by=by)
    return meeting


def record_meeting(meeting, n, members, previous_tasks, by, approve) -> list:
    """Attendance, speeches, resolution and minutes; returns the resolution's tasks for next month."""
    return _record(meeting, n, members, previous_tasks, by, approve)


def thematic_meeting(cell: Cell, month: date, members: dict[str, Member], docs: dict, by) -> None:
    """The quarter's thematic meeting, in the quarter's last month."""
    _thematic(cell, month, THEMES[(month.month // 3 - 1) % 4], members, docs, by)


# Who speaks: the committee and a few members often, Long and Hà rarely (the seed's
# "some members hardly speak"), so the participation view has something to show.
SPEAKERS = [
    ("bithu", "carry_over", "Báo cáo kết quả công tác chuyên môn: hoàn thành các chỉ tiêu nghiệp vụ trong tháng."),
    (
        "phobithu",
        "praise_criticism",
        "Đánh giá công tác xây dựng Đảng: tư tưởng đảng viên ổn định, chấp hành tốt kỷ luật.",
    ),
    ("chiuy", "discussion", "Đề nghị phân công cụ thể hơn việc theo dõi án trọng điểm."),
    ("dangvien", "discussion", "Nhất trí với báo cáo; đề xuất tăng cường trao đổi nghiệp vụ giữa các phòng."),
    ("hoangduc", "discussion", "Đề nghị chi bộ quan tâm bồi dưỡng kiểm sát viên trẻ."),
    ("builan", "discussion", "Nhất trí; bổ sung tình hình thu, nộp đảng phí đã đủ."),
    ("danghung", "discussion", "Tự phê bình còn chậm hoàn thiện hồ sơ kiểm tra; hứa khắc phục trong tháng tới."),
]
RARE = [("ngolong", "discussion", "Nhất trí với dự thảo nghị quyết."), ("vuha", "discussion", "Nhất trí.")]
TASKS = [
    ("Hoàn thành kiểm sát giải quyết tin báo tố giác tội phạm đúng hạn", "hoangduc"),
    ("Chuẩn bị nội dung sinh hoạt chuyên đề quý", "phobithu"),
    ("Rà soát, hoàn thiện hồ sơ đảng viên", "chiuy"),
    ("Thu đảng phí tháng và báo cáo Đảng ủy", "builan"),
]


def _record(meeting, n, members, previous_tasks, by, approve):
    """Attendance, speeches, resolution and minutes of one held demo meeting, through the services."""
    from meetings.minutes import compose_minutes
    from meetings.selectors import attendance_sheet, record_of, with_record

    absent = {"vuha": "Nghỉ phép"} if n % 4 == 1 else {"ngolong": "Đi công tác"} if n % 4 == 3 else {}
    marks = {
        m: ("excused", absent[u]) if u in absent else ("late", "") if (u, n % 6) == ("danghung", 2) else ("present", "")
        for u, m in members.items()
    }
    details = {
        "opened_at": time(14, 0),
        "closed_at": time(16, 5 + n % 4 * 5),
        "guests": "" if n % 3 else "Đồng chí Lý Văn Sơn, Phó Bí thư Đảng ủy Viện",
        "dues_status": "9/9 đồng chí đã nộp đảng phí tháng đầy đủ, đúng hạn.",
    }
    services.attendance_save(meeting=meeting, marks=marks, details=details, by=by)
    items = {item.key: item for item in meeting.items.all()}
    fallback = next(item for item in meeting.items.all() if item.section == Section.CONTENT)
    speakers = SPEAKERS[: 4 + n % 4] + (RARE[n % 2 :][:1] if n % 5 == 0 else [])
    for username, key, summary in speakers:
        if username in absent:
            continue
        item = items.get(key, fallback)
        services.speech_add(meeting=meeting, item=item, member=members[username], summary=summary, by=by)
    for item in meeting.items.all():
        services.item_record_save(
            meeting=meeting, item=item, record="", actual_minutes=item.planned_minutes + (n + item.position) % 3, by=by
        )
    sheet = attendance_sheet(with_record(Meeting.objects.filter(pk=meeting.pk)).get())
    voters = sum(1 for row in sheet.rows if row.counted and row.present)
    month_end = services.month_after(meeting.month)
    points = [5, 5, 9, 34 + n % 5, 5, 26 + n % 4, 5]
    criteria = services.scoring_sheet(meeting.cell)
    record = services.resolution_save(
        meeting=meeting,
        fields={
            "assessment": "Chi bộ lãnh đạo hoàn thành các chỉ tiêu công tác chuyên môn trong tháng; tư tưởng "
            "đảng viên ổn định, đoàn kết, chấp hành nghiêm Điều lệ Đảng.",
            "praise": "Biểu dương đồng chí Hoàng Minh Đức hoàn thành xuất sắc nhiệm vụ được giao."
            if n % 2
            else "Biểu dương đồng chí Phạm Thị Dung được Viện trưởng khen thưởng.",
            "shortcomings": "Một số hồ sơ kiểm tra còn hoàn thiện chậm; nguyên nhân: khối lượng công việc lớn.",
            "directions": "Tiếp tục quán triệt Chỉ thị 50-CT/TW; tập trung hoàn thành chỉ tiêu nghiệp vụ tháng tới.",
            "implementation": "Chi ủy phân công đồng chí chi ủy viên theo dõi, đôn đốc; các đồng chí đảng viên "
            "xây dựng kế hoạch cá nhân và báo cáo kết quả tại buổi sinh hoạt tháng sau.",
            "votes_for": voters,
            "votes_against": 0,
            "votes_abstain": 0,
        },
        scores=[
            {"label": c.label, "max": c.max_points, "points": min(p, c.max_points)}
            for c, p in zip(criteria, points, strict=False)
        ],
        tasks=[
            (None, content, members[who], month_end.replace(day=25), False) for content, who in TASKS[n % 2 : n % 2 + 3]
        ],
        reviews=[(task, "done" if i or n % 3 else "ongoing", "") for i, task in enumerate(previous_tasks)],
        base=sheet.base,
        by=by,
    )
    shaped = with_record(Meeting.objects.filter(pk=meeting.pk)).get()
    text = compose_minutes(shaped, record_of(shaped), attendance_sheet(shaped))
    conclusion = "Đồng chí chủ trì kết luận: chi bộ thống nhất đánh giá và phương hướng nhiệm vụ tháng tới."
    services.minutes_save(meeting=meeting, minutes_text=text, conclusion=conclusion, by=by)
    if approve:
        services.minutes_approve(meeting=meeting, by=by)
        backdate_approval(meeting, meeting.date)  # the cell approved them at the meeting, read out at its close
    return list(record.tasks.all())


def backdate_approval(meeting: Meeting, day: date) -> None:
    """The demo writes a past year at once: the approval it records now is dated ``day`` at 17:00, as it
    happened. Only the demo loader does this; the database otherwise refuses any change to approved minutes."""
    when = timezone.make_aware(datetime.combine(day, time(17, 0)))
    with pgtrigger.ignore("meetings.MeetingRecord:frozen_minutes"):
        MeetingRecord.objects.filter(meeting=meeting).update(approved_at=when)


def _thematic(cell, month, topic, members, docs, by):
    meeting = Meeting.objects.create(
        cell=cell,
        kind=Meeting.Kind.THEMATIC,
        topic=topic,
        month=month,
        date=month.replace(day=20),
        start_time=time(14, 0),
        place="Phòng họp tầng 2, Viện kiểm sát nhân dân tỉnh Tuyên Quang",
        chair=members["bithu"],
        minute_taker=members["builan"],
        prepared_by=members["phobithu"],
        status=Meeting.Status.HELD,
    )
    rows = [
        (
            Section.OPENING,
            "Tuyên bố lý do, giới thiệu đại biểu; thông qua chương trình",
            Category.PROCEDURE,
            5,
            "bithu",
        ),
        (Section.CONTENT, f"Báo cáo đề dẫn chuyên đề: {topic}", Category.PARTY, 30, "phobithu"),
        (Section.CONTENT, "Thảo luận, liên hệ trách nhiệm của từng đảng viên", Category.PARTY, 50, ""),
        (Section.CONTENT, "Liên hệ với nhiệm vụ chuyên môn của đơn vị", Category.PROFESSIONAL, 20, "chiuy"),
        (Section.CLOSING, "Chủ trì kết luận chuyên đề", Category.PROCEDURE, 10, "bithu"),
        (Section.CLOSING, "Thông qua biên bản; bế mạc", Category.PROCEDURE, 5, "bithu"),
    ]
    for position, (section, title, category, minutes, who) in enumerate(rows, start=1):
        item = AgendaItem.objects.create(
            meeting=meeting,
            section=section,
            position=position,
            title=title,
            category=category,
            planned_minutes=minutes,
            presenter=members.get(who),
        )
        if position == 2:
            item.documents.add(docs["50-CT/TW"])
