"""Demo meetings of Chi bộ 4: the past twelve months held, a thematic meeting each
quarter, and next month's meeting prepared but not published."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from meetings import services
from meetings.models import AgendaItem, Category, DocumentType, GuidingDocument, Meeting, Section
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


def load_meetings(cell: Cell, by) -> None:
    if Meeting.objects.filter(cell=cell).exists():
        return
    docs = _documents(cell)
    today = timezone.localdate()
    first = date(today.year - 1, today.month, 1)
    members = {m.user.username: m for m in Member.objects.filter(cell=cell).select_related("user")}
    month = services.month_after(first)
    for n in range(12):
        meeting = services.meeting_prepare(cell=cell, month=month, by=by)
        meeting.place = "Phòng họp tầng 2, Viện kiểm sát nhân dân tỉnh Tuyên Quang"
        meeting.start_time = time(14, 0)
        meeting.minute_taker = members["builan"]
        meeting.agenda_number = services.document_number_take(cell=cell, doc_type=DocumentType.PROGRAMME)
        meeting.content_agreed_on = meeting.date - timedelta(days=4)
        meeting.notified_on = meeting.date - timedelta(days=3)
        meeting.handbook_posted_on = meeting.date - timedelta(days=2 if n % 5 else 0)
        meeting.resolution_posted_on = meeting.date + timedelta(days=1)
        meeting.status = Meeting.Status.HELD
        meeting.published_at = timezone.make_aware(datetime.combine(meeting.date - timedelta(days=2), time(8)))
        meeting.published_by = by
        meeting.save()
        news = meeting.items.get(key="news")
        news.notes = NEWS[n % len(NEWS)]
        news.save(update_fields=["notes"])
        news.documents.add(docs["50-CT/TW"] if n % 2 else docs["42-HD/BTCTW"])
        if month.month % 3 == 0:
            _thematic(cell, month, THEMES[(month.month // 3 - 1) % 4], members, docs, by)
        month = services.month_after(month)
    services.meeting_prepare(cell=cell, month=month, by=by)  # next month, a draft


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
