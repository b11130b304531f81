"""The agenda, minutes and resolution as the cell's secretary reads them, checked on the printed PDF.

The demo's last approved minutes, its resolution and a thematic meeting's minutes are pinned against texts
reviewed line by line (tests/documents/expected/; ``UPDATE_EXPECTED=1`` rewrites them after a deliberate
change, to be read again before committing)."""

import os
import re
from datetime import date, time, timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from documents.format import format_for
from meetings import services
from meetings.minutes import attendance_phrase, carry_over, compose_minutes
from meetings.models import Meeting
from meetings.pdf import render_agenda_pdf, render_minutes_pdf, render_resolution_pdf
from meetings.selectors import attendance_sheet, checklist, record_of, time_split, with_agenda, with_record
from members.models import Cell
from tests.documents.printed import EXPECTED, layout_text, plain_lines, today_is, words
from tests.factories import make_recorded_meeting

DEMO_TODAY = "2026-11-30"
PROCEDURAL = re.compile(r"\(đồng chí [^)]*trình bày\)|Bế mạc|Cử thư ký|Thông qua chương trình", re.IGNORECASE)
DOC_NUMBER = re.compile(r"\d+-(CT|HD|NQ|QĐ|KH|ĐA)/")


def _shaped(meeting):
    return with_record(Meeting.objects.filter(pk=meeting.pk)).get()


def _pinned(name: str, text: str) -> None:
    path = EXPECTED / name
    if os.environ.get("UPDATE_EXPECTED"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} changed: compare with the reviewed text"


@pytest.fixture
def demo(settings, db):
    settings.DEBUG = True
    with today_is(DEMO_TODAY):
        call_command("seed_demo", stdout=open(os.devnull, "w"))
    settings.DEBUG = False
    return Cell.objects.get(name="Chi bộ 4")


def _demo_documents(cell):
    meetings = Meeting.objects.filter(cell=cell, status=Meeting.Status.APPROVED)
    regular = _shaped(meetings.filter(kind=Meeting.Kind.REGULAR).order_by("-date")[0])
    thematic = _shaped(meetings.filter(kind=Meeting.Kind.THEMATIC).order_by("-date")[0])
    with today_is(DEMO_TODAY):
        return (
            regular,
            thematic,
            {
                "minutes": render_minutes_pdf(regular),
                "resolution": render_resolution_pdf(regular),
                "thematic": render_minutes_pdf(thematic),
                "thematic_resolution": render_resolution_pdf(thematic),
                "agenda": render_agenda_pdf(with_agenda(Meeting.objects.filter(pk=regular.pk)).get()),
            },
        )


def test_the_demo_documents_read_as_reviewed_and_follow_the_secretarys_rules(demo):
    """One demo year (seeding it is slow), its documents pinned, then each rule checked on its own."""
    regular, thematic, pdfs = _demo_documents(demo)
    _pinned("minutes-regular.txt", layout_text(pdfs["minutes"]))
    _pinned("resolution-regular.txt", layout_text(pdfs["resolution"]))
    _pinned("minutes-thematic.txt", layout_text(pdfs["thematic"]))
    minutes = plain_lines(pdfs["minutes"])
    text = " ".join(minutes)
    # No procedural item listed as "(đồng chí … trình bày)", no empty heading, no line twice.
    assert not [line for line in minutes if PROCEDURAL.search(line)]
    for name in ["minutes", "thematic", "resolution"]:
        lines = [line for line in plain_lines(pdfs[name]) if len(line) > 25]
        assert len(lines) == len(set(lines)), [line for line in lines if lines.count(line) > 1]
    # The opening paragraph carries the procedure, posts capitalised, zero counts left out.
    assert "Chủ trì: đồng chí Nguyễn Văn An, Bí thư Chi bộ. Thư ký: đồng chí Bùi Thị Lan." in text
    assert "Có mặt 9/9 đồng chí." in text and "dự bị 0" not in text and ": 0" not in text
    # The end, in order.
    order = [
        "kết luận buổi sinh hoạt",
        "Biểu quyết thông qua nghị quyết: 9/9 đồng chí tán thành, đạt 100%",
        "Chi bộ tự đánh giá chất lượng buổi sinh hoạt đạt",
        "Buổi sinh hoạt kết thúc vào hồi 16 giờ 15 phút cùng ngày.",
        "Biên bản đã được đọc lại cho chi bộ nghe và nhất trí thông qua.",
        "THƯ KÝ",
    ]
    positions = [text.index(phrase) for phrase in order]
    assert positions == sorted(positions)
    # Last month's resolution, this month's minutes and this month's resolution agree, each task once.
    previous = Meeting.objects.filter(cell=demo, kind="regular", month__lt=regular.month).order_by("-month")[0]
    resolution = " ".join(plain_lines(pdfs["resolution"]))
    review_table = resolution[resolution.index("Kết quả thực hiện nghị quyết tháng trước") : resolution.index("II.")]
    tasks = list(previous.record.tasks.all())
    assert tasks
    for task in tasks:
        assert text.count(f"{task.content}: đồng chí {task.owner.full_name}, hạn {task.deadline:%d/%m/%Y}") == 1
        start = " ".join(task.content.split()[:4])  # a table cell wraps: its first words stay together
        assert review_table.count(start) == 1 and task.owner.full_name in review_table
    assert [task.pk for task, _outcome in carry_over(regular, record_of(regular))] == [task.pk for task in tasks]
    # Dates: the meeting's day on the minutes and resolution, publication (before the meeting) on the agenda.
    line = f"Tuyên Quang, ngày {regular.date:%d} tháng {regular.date.month} năm {regular.date.year}"
    assert line in text and line in resolution
    published = timezone.localtime(regular.published_at).date()
    assert published < regular.date
    agenda = " ".join(plain_lines(pdfs["agenda"]))
    assert f"Tuyên Quang, ngày {published:%d} tháng {published.month} năm {published.year}" in agenda
    # The header: the superior's lines as the cell set them; Nơi nhận to the superior committee.
    first = plain_lines(pdfs["minutes"])[:3]
    assert first[0].startswith("ĐẢNG BỘ VIỆN KSND") and first[1].startswith("TỈNH TUYÊN QUANG")
    assert "- Đảng ủy Viện kiểm sát nhân dân tỉnh Tuyên Quang (để báo cáo)," in resolution
    # The thematic meeting: its own subtitle and skeleton, numbered and dated like any meeting.
    thematic_text = " ".join(plain_lines(pdfs["thematic"]))
    assert f"Sinh hoạt chuyên đề: {thematic.topic}" in thematic_text
    assert re.search(r"Số \d{2}-BB/CB", thematic_text)
    assert f"ngày {thematic.date:%d} tháng {thematic.date.month}" in thematic_text
    assert "Ý kiến thảo luận:" in thematic_text and "kết luận chuyên đề" in thematic_text
    assert "II. NHIỆM VỤ, GIẢI PHÁP" in " ".join(plain_lines(pdfs["thematic_resolution"]))
    # The agenda shows who presents each content item; no guidance number inside an item's title.
    items = list(regular.items.all())
    assert all(item.presenter_id for item in items)
    assert not [item.title for item in items if DOC_NUMBER.search(item.title)]


@pytest.mark.parametrize("today", ["2027-01-03"])  # before the meeting day, and across a new year
def test_the_demo_keeps_a_true_timeline_whatever_today_is(settings, db, today):
    settings.DEBUG = True
    with today_is(today):
        call_command("seed_demo", stdout=open(os.devnull, "w"))
    settings.DEBUG = False
    day = date.fromisoformat(today)
    meetings = Meeting.objects.filter(cell__name="Chi bộ 4").exclude(status=Meeting.Status.DRAFT)
    assert meetings.filter(kind="thematic", status="approved").exists()
    for meeting in meetings.select_related("record"):
        published = timezone.localtime(meeting.published_at).date()
        assert meeting.date - timedelta(days=7) <= published < meeting.date <= day, meeting
        if meeting.status == Meeting.Status.APPROVED:
            approved = timezone.localtime(meeting.record.approved_at).date()
            assert approved == meeting.date, meeting
    months = sorted({m.date.month for m in meetings.filter(kind="regular")})
    assert len(months) == 12  # spread over the year, not piled on today


def test_the_page_margins_on_the_pdf_are_the_profiles(cell, secretary, committee, member):
    meeting = make_recorded_meeting(cell, month=date(2026, 9, 1), by=secretary.user, approve=True)
    profile = format_for(cell)
    for left, right, top in [(30, 15, 20), (25, 20, 25)]:
        profile.margin_left_mm, profile.margin_right_mm, profile.margin_top_mm = left, right, top
        profile.save()
        page = words(render_minutes_pdf(_shaped(meeting)))[0]
        assert min(w[0] for w in page) == pytest.approx(left, abs=0.3)
        # Justified lines end on the right margin (a glyph's ink may pass its advance by a hair).
        assert 210 - max(w[2] for w in page) == pytest.approx(right, abs=0.7)
        assert min(w[1] for w in page) == pytest.approx(top, abs=1.5)


def _sheet_for(cell, secretary, absent=(), unexcused=()):
    meeting = make_recorded_meeting(cell, month=date(2026, 9, 1), by=secretary.user, absent=absent)
    if unexcused:
        marks = {m: ("unexcused", "") for m in unexcused}
        services.attendance_save(meeting=meeting, marks=marks, details={}, by=secretary.user)
    return _shaped(meeting), attendance_sheet(_shaped(meeting))


def test_attendance_reads_naturally_with_and_without_absences(cell, secretary, committee, member):
    _meeting, sheet = _sheet_for(cell, secretary)
    assert attendance_phrase(sheet) == "Có mặt 3/3 đồng chí."


def test_attendance_names_an_absence_with_its_reason(cell, secretary, committee, member):
    _meeting, sheet = _sheet_for(cell, secretary, absent=[committee])
    assert attendance_phrase(sheet) == (
        "Có mặt 2/3 đồng chí, vắng 1 đồng chí có lý do (đồng chí Lê Văn Cường, đi công tác)."
    )


def test_attendance_names_absences_with_and_without_reason(cell, secretary, committee, member):
    meeting, sheet = _sheet_for(cell, secretary, absent=[committee], unexcused=[member])
    assert attendance_phrase(sheet) == (
        "Có mặt 1/3 đồng chí, vắng 2 đồng chí: 1 đồng chí có lý do (đồng chí Lê Văn Cường, đi công tác); "
        "1 đồng chí không lý do (đồng chí Phạm Thị Dung)."
    )
    text = compose_minutes(meeting, record_of(meeting), sheet)
    assert "Tổng số đảng viên của chi bộ: 3 đồng chí. Có mặt 1/3" in text
    assert "trình bày)" not in text and "Cử thư ký" not in text


def test_an_item_with_nothing_recorded_is_left_out(cell, secretary, committee, member):
    meeting = _shaped(make_recorded_meeting(cell, month=date(2026, 9, 1), by=secretary.user))
    text = compose_minutes(meeting, record_of(meeting), attendance_sheet(meeting))
    headings = [line for line in text.splitlines() if re.match(r"^\d+\. ", line)]
    # The factory records one speech on the first content item and nothing else.
    assert headings == [f"1. {meeting.items.filter(section=2).first().title.rstrip('.')}."]
    assert text.splitlines()[headings and text.splitlines().index(headings[0]) + 1] == "Ý kiến thảo luận:"


def test_a_resolution_without_its_implementation_prints_no_empty_heading(cell, secretary, committee, member):
    """The factory's resolution has no "tổ chức thực hiện" text: no heading stands over nothing, and the self-
    assessment takes number III."""
    meeting = _shaped(make_recorded_meeting(cell, month=date(2026, 9, 1), by=secretary.user))
    lines = plain_lines(render_resolution_pdf(meeting))
    assert not any("TỔ CHỨC THỰC HIỆN" in line for line in lines)
    assert "III. TỰ ĐÁNH GIÁ CHẤT LƯỢNG BUỔI SINH HOẠT" in lines


def test_approving_an_incomplete_record_says_what_is_missing(client_for, cell, secretary, committee, member):
    meeting = make_recorded_meeting(cell, month=date(2026, 9, 1), by=secretary.user)
    record = meeting.record
    record.votes_for = None
    record.save()
    url = reverse("meetings:approve", args=[meeting.pk])
    response = client_for(secretary).post(url, {"confirm": "1"}, follow=True)
    assert response.status_code == 200
    assert "Hãy ghi kết quả biểu quyết nghị quyết trước khi thông qua biên bản." in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD


def test_the_header_lines_are_validated_on_the_cell_page(client_for, cell, secretary):
    data = {
        "name": cell.name,
        "document_code": "CB",
        "superior_name": cell.superior_name,
        "superior_header": "ĐẢNG BỘ VIỆN KIỂM SÁT NHÂN DÂN TỈNH TUYÊN QUANG",
        "place_name": "Tuyên Quang",
        "term_label": cell.term_label,
        "term_start": cell.term_start.strftime("%d/%m/%Y"),
    }
    for name in [
        "meeting_minutes_min",
        "meeting_minutes_min_thematic",
        "professional_share_min",
        "professional_share_max",
        "quality_good_min",
        "quality_fair_min",
        "quality_average_min",
        "task_due_soon_days",
        "task_reminder_days",
        "rating_common_points",
        "rating_task_points",
        "rating_light_deduction",
        "rating_discipline_deduction",
        "committee_required_from",
        "committee_size_min",
    ]:
        data[name] = getattr(cell, name)
    client = client_for(secretary)
    html = client.post(reverse("members:cell"), data).content.decode()
    assert "dài quá cột tiêu đề" in html and "ĐẢNG BỘ VIỆN KIỂM SÁT NHÂN DÂN TỈNH TUYÊN QUANG" in html
    cell.refresh_from_db()
    assert cell.superior_header == ""
    data["superior_header"] = "Đảng bộ Viện KSND\r\n  tỉnh Tuyên Quang  "
    client.post(reverse("members:cell"), data)
    cell.refresh_from_db()
    assert cell.superior_header == "Đảng bộ Viện KSND\ntỉnh Tuyên Quang"
    assert cell.superior_header_lines == ["Đảng bộ Viện KSND", "tỉnh Tuyên Quang"]


def test_a_profile_that_cannot_make_a_page_is_refused(client_for, cell, secretary):
    profile = format_for(cell)
    client = client_for(secretary)
    form = client.get(reverse("meetings:format")).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(
        {
            f"next_{code}": value
            for code, value in ((c, form[f"next_{c}"].initial) for c in ["CTr", "NQ", "BB", "KH", "BC", "KL", "TB"])
        }
    )
    data.update(margin_left_mm=60, margin_right_mm=60)
    html = client.post(reverse("meetings:format"), data).content.decode()
    assert "hãy giảm lề trái và lề phải" in html
    profile.refresh_from_db()
    assert (profile.margin_left_mm, profile.margin_right_mm) == (30, 15)
    cell.superior_header = "ĐẢNG BỘ VIỆN KSND TỈNH\nTUYÊN QUANG"  # fits its column at 14 pt, not at 20
    cell.save()
    data.update(margin_left_mm=30, margin_right_mm=15, body_pt=20)
    html = client.post(reverse("meetings:format"), data).content.decode()
    assert "không còn vừa cột" in html and "ĐẢNG BỘ VIỆN KSND TỈNH" in html
    profile.refresh_from_db()
    assert profile.body_pt == 14


def test_thematic_and_held_meetings_get_no_preparation_warnings(cell, secretary, committee, member):
    held = make_recorded_meeting(cell, month=date(2026, 9, 1), by=secretary.user)
    assert time_split(held).warnings == []
    assert [step.warning for step in checklist(held, today=held.date + timedelta(days=1))][:4] == ["", "", "", ""]
    thematic = Meeting.objects.create(
        cell=cell, kind="thematic", topic="Chuyển đổi số", month=date(2026, 12, 1), date=date(2026, 12, 20)
    )
    thematic.items.create(section=2, title="Báo cáo đề dẫn", category="party", planned_minutes=120)
    assert time_split(thematic).warnings == []
    assert checklist(thematic, today=thematic.date)[3].warning == ""
    regular = Meeting.objects.create(cell=cell, month=date(2026, 12, 1), date=date(2026, 12, 5))
    regular.items.create(section=2, title="Chuyên môn", category="party", planned_minutes=120)
    assert time_split(regular).warnings  # the 30–50 % rule still warns a regular meeting
    assert checklist(regular, today=regular.date)[3].warning


def test_an_agenda_is_dated_the_day_it_was_published(cell, secretary, committee, member):
    meeting = make_recorded_meeting(cell, month=date(2026, 9, 1), by=secretary.user)
    Meeting.objects.filter(pk=meeting.pk).update(
        published_at=timezone.make_aware(timezone.datetime.combine(date(2026, 9, 2), time(9)))
    )
    pdf = render_agenda_pdf(with_agenda(Meeting.objects.filter(pk=meeting.pk)).get())
    assert "Tuyên Quang, ngày 02 tháng 9 năm 2026" in " ".join(plain_lines(pdf))


def test_next_months_programme_keeps_the_presenters(cell, secretary, committee, member):
    from tests.factories import make_meeting

    september = make_recorded_meeting(cell, month=date(2026, 9, 1), by=secretary.user)
    step = september.items.filter(section=2).first()
    type(step).objects.filter(pk=step.pk).update(presenter=committee)
    october = make_meeting(cell, month=date(2026, 10, 1), by=secretary.user)
    assert october.items.get(section=2, title=step.title).presenter == committee
    assert all(item.presenter == secretary for item in october.items.exclude(section=2))
