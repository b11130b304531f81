"""Demo meetings of Chi bộ 4: the past twelve months held, a thematic meeting each
quarter, and next month's meeting prepared but not published."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from core import frozen
from core.demo_clock import as_of
from core.demo_clock import at as _at
from meetings import services
from meetings.minutes import reviewed_month
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


# Who presents each content item of the standard order (by its key, or its category for the reviews).
PRESENTERS = {
    "news": "bithu",
    "professional": "phobithu",
    "party": "bithu",
    "carry_over": "phobithu",
    "praise_criticism": "bithu",
    "discussion": "bithu",
    "directions_professional": "phobithu",
    "directions_party": "bithu",
}


def _content_roles(meeting: Meeting) -> dict:
    """The content items of the standard order by what they are for (keys, then the two reviews and the
    two directions by category, in order)."""
    roles = {}
    professional = []
    party = []
    for item in meeting.items.filter(section=Section.CONTENT).order_by("position"):
        if item.key:
            roles[item.key] = item
        elif item.category == Category.PROFESSIONAL:
            professional.append(item)
        else:
            party.append(item)
    for name, items in (("professional", professional), ("party", party)):
        if items:
            roles[name] = items[0]
        if len(items) > 1:
            roles[f"directions_{name}"] = items[-1]
    return roles


def held_meeting(cell: Cell, month: date, n: int, members: dict[str, Member], docs: dict, by) -> Meeting:
    """The regular meeting of ``month``: prepared a week before, its agenda published three days before,
    held on the day (the n-th of the year)."""
    day = month.replace(day=MEETING_DAY)
    with as_of(_at(day - timedelta(days=7), 9)):
        meeting = services.meeting_prepare(cell=cell, month=month, by=by)
        meeting.place = "Phòng họp tầng 2, Viện kiểm sát nhân dân tỉnh Tuyên Quang"
        meeting.start_time = time(14, 0)
        meeting.minute_taker = members["builan"]
        meeting.content_agreed_on = meeting.date - timedelta(days=4)
        meeting.notified_on = meeting.date - timedelta(days=3)
        meeting.handbook_posted_on = meeting.date - timedelta(days=2 if n % 5 else 1)
        meeting.resolution_posted_on = meeting.date + timedelta(days=1)
        meeting.save()
        for role, item in _content_roles(meeting).items():
            item.presenter = members[PRESENTERS[role]]
            item.save(update_fields=["presenter"])
        news = meeting.items.get(key="news")
        news.notes = NEWS[n % len(NEWS)]
        news.save(update_fields=["notes"])
        news.documents.add(docs["50-CT/TW"] if n % 2 else docs["42-HD/BTCTW"])
    with as_of(_at(meeting.date - timedelta(days=3), 8, 30)):
        services.meeting_publish(meeting=meeting, by=by)
    with as_of(_at(meeting.date, 14)):
        services.meeting_hold(meeting=meeting, by=by)
    return meeting


def record_meeting(meeting, n, members, previous_tasks, by, approve) -> list:
    """Attendance, speeches, resolution and minutes, recorded at the meeting and approved as it closes;
    returns the resolution's tasks for next month."""
    with as_of(_at(meeting.date, 16, 5 + n % 4 * 5)):
        return _record(meeting, n, members, previous_tasks, by, approve)


def thematic_meeting(cell: Cell, month: date, members: dict[str, Member], docs: dict, by) -> Meeting | None:
    """The quarter's thematic meeting, on the 20th of the quarter's last month, once that day has passed."""
    day = month.replace(day=20)
    if day >= timezone.localdate():
        return None
    return _thematic(cell, day, THEMES[(month.month // 3 - 1) % 4], members, docs, by)


# Who speaks, and on which item: the committee and a few members often, Long and Hà rarely (the seed's
# "some members hardly speak"), so the participation view has something to show.
SPEAKERS = [
    ("chiuy", "professional", "Nhất trí với báo cáo; đề nghị phân công cụ thể hơn việc theo dõi các vụ án trọng điểm."),
    ("dangvien", "professional", "Đề xuất tăng cường trao đổi nghiệp vụ giữa các phòng để thống nhất quan điểm xử lý."),
    ("hoangduc", "party", "Đề nghị chi bộ quan tâm bồi dưỡng lý luận chính trị cho kiểm sát viên trẻ."),
    ("danghung", "discussion", "Tự phê bình còn chậm hoàn thiện hồ sơ kiểm tra; hứa khắc phục trong tháng tới."),
    ("builan", "discussion", "Nhất trí với dự thảo nghị quyết; đề nghị ghi rõ thời hạn thu, nộp đảng phí."),
    ("dangvien", "carry_over", "Các nhiệm vụ được giao đã hoàn thành; đề nghị tiếp tục theo dõi việc còn dở."),
]
RARE = [("ngolong", "discussion", "Nhất trí với dự thảo nghị quyết."), ("vuha", "discussion", "Nhất trí.")]
TASKS = [
    ("Hoàn thành kiểm sát giải quyết tin báo tố giác tội phạm đúng hạn", "hoangduc"),
    ("Chuẩn bị nội dung sinh hoạt chuyên đề quý", "phobithu"),
    ("Rà soát, hoàn thiện hồ sơ đảng viên", "chiuy"),
    ("Thu đảng phí tháng và báo cáo Đảng ủy", "builan"),
]


def _item_records(meeting: Meeting, n: int) -> dict[str, str]:
    """What was presented and concluded on each content item (lines starting "Kết luận" are the chair's)."""
    month = reviewed_month(meeting)
    nxt = services.month_after(month)
    return {
        "news": f"{NEWS[n % len(NEWS)]}.",
        "professional": f"Kết quả công tác chuyên môn tháng {month.month}/{month.year}: thụ lý, kiểm sát giải quyết "
        "đúng hạn các vụ việc được phân công; hoàn thành các chỉ tiêu nghiệp vụ của tháng.\n"
        "Kết luận: chi bộ thống nhất với đánh giá kết quả công tác chuyên môn trong tháng.",
        "party": "Tư tưởng đảng viên ổn định, đoàn kết; các đồng chí chấp hành nghiêm Điều lệ Đảng và quy định "
        "của cơ quan; không có đảng viên vi phạm.",
        "carry_over": "Các nhiệm vụ nghị quyết tháng trước giao được triển khai đúng tiến độ; kết quả từng nhiệm vụ "
        "như sau.",
        "directions_professional": f"Tháng {nxt.month}/{nxt.year} tập trung hoàn thành chỉ tiêu nghiệp vụ; nâng cao "
        "chất lượng kiểm sát điều tra, truy tố.",
        "directions_party": "Tiếp tục thực hiện Chỉ thị 50-CT/TW; làm tốt công tác tư tưởng và quản lý đảng viên.",
    }


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
        "dues_status": "",  # the month's figures come from the dues ledger (dues.demo)
    }
    services.attendance_save(meeting=meeting, marks=marks, details=details, by=by)
    roles = _content_roles(meeting)
    speakers = SPEAKERS[: 3 + n % 4] + (RARE[n % 2 :][:1] if n % 5 == 0 else [])
    for username, role, summary in speakers:
        if username in absent or role not in roles:
            continue
        services.speech_add(meeting=meeting, item=roles[role], member=members[username], summary=summary, by=by)
    texts = {roles[role].pk: text for role, text in _item_records(meeting, n).items() if role in roles}
    for item in meeting.items.all():
        services.item_record_save(
            meeting=meeting,
            item=item,
            record=texts.get(item.pk, ""),
            actual_minutes=item.planned_minutes + (n + item.position) % 3,
            by=by,
        )
    sheet = attendance_sheet(with_record(Meeting.objects.filter(pk=meeting.pk)).get())
    voters = sum(1 for row in sheet.rows if row.counted and row.present)
    planned = services.month_after(reviewed_month(meeting))  # the month the resolution plans
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
            "directions": "Tiếp tục quán triệt Chỉ thị 50-CT/TW; tập trung hoàn thành chỉ tiêu nghiệp vụ trong tháng.",
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
            (None, content, members[who], planned.replace(day=25), False) for content, who in TASKS[n % 2 : n % 2 + 3]
        ],
        reviews=[(task, "done" if i or n % 3 else "ongoing", "") for i, task in enumerate(previous_tasks)],
        base=sheet.base,
        by=by,
    )
    shaped = with_record(Meeting.objects.filter(pk=meeting.pk)).get()
    text = compose_minutes(shaped, record_of(shaped), attendance_sheet(shaped))
    month = reviewed_month(meeting)
    nxt = services.month_after(month)
    conclusion = (
        f"Chi bộ thống nhất đánh giá kết quả thực hiện nhiệm vụ tháng {month.month}/{month.year} "
        f"và phương hướng, nhiệm vụ tháng {nxt.month}/{nxt.year} như dự thảo nghị quyết; các đồng chí được phân "
        "công tổ chức thực hiện và báo cáo kết quả tại buổi sinh hoạt tháng sau."
    )
    services.minutes_save(meeting=meeting, minutes_text=text, conclusion=conclusion, by=by)
    if approve:
        services.minutes_approve(meeting=meeting, by=by)
    return list(record.tasks.all())


def backdate_approval(meeting: Meeting, day: date) -> None:
    """The demo writes a past year at once: the approval it records now is dated ``day`` at 17:00, as it
    happened. Only the demo loader does this; the database otherwise refuses any change to approved minutes."""
    when = timezone.make_aware(datetime.combine(day, time(17, 0)))
    with frozen.skipping("meetings.MeetingRecord:frozen_minutes"):
        MeetingRecord.objects.filter(meeting=meeting).update(approved_at=when)


THEMATIC_SPEECHES = [
    ("chiuy", 2, "Liên hệ bản thân: luôn giữ nghiêm kỷ luật công vụ; đề nghị mỗi đảng viên đăng ký việc làm cụ thể."),
    ("dangvien", 2, "Nhất trí với báo cáo đề dẫn; đề xuất đưa nội dung chuyên đề vào kế hoạch công tác của phòng."),
    ("hoangduc", 3, "Gắn chuyên đề với việc nâng cao chất lượng tranh tụng tại phiên tòa."),
    ("vuha", 2, "Tự nhận thấy còn ngại va chạm khi góp ý đồng nghiệp; sẽ khắc phục."),
]


def _thematic(cell, day, topic, members, docs, by) -> Meeting:
    """A thematic meeting as a cell holds one: agenda published ahead, topic report, discussion by name,
    the chair's conclusions, the vote; minutes and resolution approved at the meeting."""
    from meetings.minutes import compose_minutes
    from meetings.selectors import attendance_sheet, record_of, with_record

    with as_of(_at(day - timedelta(days=10), 9)):
        meeting = Meeting.objects.create(
            cell=cell,
            kind=Meeting.Kind.THEMATIC,
            topic=topic,
            month=day.replace(day=1),
            date=day,
            start_time=time(14, 0),
            place="Phòng họp tầng 2, Viện kiểm sát nhân dân tỉnh Tuyên Quang",
            chair=members["bithu"],
            minute_taker=members["builan"],
            prepared_by=members["phobithu"],
            content_agreed_on=day - timedelta(days=7),
            notified_on=day - timedelta(days=5),
            resolution_posted_on=day + timedelta(days=1),
        )
        rows = [
            (Section.OPENING, "Tuyên bố lý do; thông qua chương trình", Category.PROCEDURE, 5, "bithu"),
            (Section.CONTENT, f"Báo cáo đề dẫn chuyên đề: {topic}", Category.PARTY, 30, "phobithu"),
            (Section.CONTENT, "Thảo luận, liên hệ trách nhiệm của từng đảng viên", Category.PARTY, 50, "bithu"),
            (Section.CONTENT, "Liên hệ với nhiệm vụ chuyên môn của đơn vị", Category.PROFESSIONAL, 20, "chiuy"),
            (Section.CLOSING, "Chủ trì kết luận chuyên đề", Category.PROCEDURE, 10, "bithu"),
            (Section.CLOSING, "Thông qua biên bản; bế mạc", Category.PROCEDURE, 5, "bithu"),
        ]  # fmt: skip
        items = []
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
            items.append(item)
        items[1].documents.add(docs["50-CT/TW"])
    with as_of(_at(day - timedelta(days=5), 8, 30)):
        services.meeting_publish(meeting=meeting, by=by)
    with as_of(_at(day, 14)):
        services.meeting_hold(meeting=meeting, by=by)
    with as_of(_at(day, 16, 10)):
        marks = {m: ("present", "") for m in members.values()}
        if "danghung" in members:  # one member away, with a reason
            marks[members["danghung"]] = ("excused", "Ốm")
        details = {"opened_at": time(14, 0), "closed_at": time(16, 10), "guests": "", "dues_status": ""}
        services.attendance_save(meeting=meeting, marks=marks, details=details, by=by)
        records = {
            1: "Nêu yêu cầu của Chỉ thị 50-CT/TW đối với chuyên đề, thực trạng tại đơn vị, những kết quả đạt "
            "được, hạn chế và nguyên nhân; đề xuất các nhóm giải pháp trong thời gian tới.",
            3: "Mỗi phòng xây dựng kế hoạch thực hiện chuyên đề, gắn với chỉ tiêu "
            "nghiệp vụ của Viện kiểm sát nhân dân tỉnh.\nKết luận: chi bộ thống nhất đưa nội dung chuyên đề vào "
            "kế hoạch công tác của từng phòng.",
        }
        for index, item in enumerate(items):
            services.item_record_save(
                meeting=meeting, item=item, record=records.get(index, ""), actual_minutes=item.planned_minutes, by=by
            )
        for username, index, summary in THEMATIC_SPEECHES:
            if username not in members:
                continue
            services.speech_add(meeting=meeting, item=items[index], member=members[username], summary=summary, by=by)
        sheet = attendance_sheet(with_record(Meeting.objects.filter(pk=meeting.pk)).get())
        services.resolution_save(
            meeting=meeting,
            fields={
                "assessment": "Chi bộ đã nghiên cứu, thảo luận nghiêm túc nội dung chuyên đề; đảng viên nhận thức "
                "rõ trách nhiệm của mình, liên hệ cụ thể với công việc được giao.",
                "directions": "Mỗi đảng viên đăng ký ít nhất một việc làm cụ thể thực hiện chuyên đề; các phòng "
                "đưa nội dung chuyên đề vào kế hoạch công tác quý tới.",
                "implementation": "Chi ủy theo dõi, đôn đốc; kết quả thực hiện được kiểm điểm tại buổi sinh hoạt "
                "thường kỳ cuối quý.",
                "votes_for": sum(1 for row in sheet.rows if row.counted and row.present),
                "votes_against": 0,
                "votes_abstain": 0,
            },
            scores=[],
            tasks=[
                (
                    None,
                    "Tổng hợp đăng ký việc làm cụ thể của đảng viên",
                    members["phobithu"],
                    day + timedelta(days=15),
                    False,
                )
            ],
            reviews=[],
            base=sheet.base,
            by=by,
        )
        shaped = with_record(Meeting.objects.filter(pk=meeting.pk)).get()
        text = compose_minutes(shaped, record_of(shaped), attendance_sheet(shaped))
        conclusion = (
            "Chi bộ thống nhất với báo cáo đề dẫn; mỗi đảng viên đăng ký việc làm cụ thể thực hiện chuyên đề "
            "và tự liên hệ, sửa chữa những hạn chế đã nêu."
        )
        services.minutes_save(meeting=meeting, minutes_text=text, conclusion=conclusion, by=by)
        services.minutes_approve(meeting=meeting, by=by)
    return meeting
