"""The committee's monthly review, commendations and violations, what the meeting announced,
regularity, and the yearly classification proposed from the record."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from assignments import services as task_services
from evaluations import services
from evaluations.models import Announcement, Classification, MonthlyReview, Proposal, ReviewRow, Violation
from evaluations.selectors import year_records
from meetings.minutes import compose_minutes
from meetings.models import Meeting
from meetings.selectors import attendance_sheet, record_of, with_record
from members.models import AuditEntry
from tests import seeded
from tests.factories import make_member, make_task, make_violation
from tests.pdfs import assert_a4_with_embedded_fonts, read_pdf

MONTH = date(2026, 10, 1)  # the held_meeting fixture's month


def _sheet_data(review, overrides=None):
    """Every line of the sheet as the page posts it, with ``overrides`` as {(member, field): value}."""
    data = {}
    for row in review.rows.all():
        for name in ["workload", "commendations", "shortcomings", "note"]:
            data[f"{name}_{row.pk}"] = getattr(row, name)
        data[f"grade_{row.pk}"] = row.grade_id or ""
        data[f"proposal_{row.pk}"] = row.proposal
    for (member, name), value in (overrides or {}).items():
        row = review.rows.get(member=member)
        data[f"{name}_{row.pk}"] = value
    return data


@pytest.fixture
def review(cell, committee, secretary, member):
    return services.review_open(cell=cell, month=MONTH, by=committee)


def test_it_takes_the_review_from_the_committee_to_the_meeting_and_the_minutes(
    client_for, committee, secretary, member, cell, review, held_meeting, monkeypatch
):
    grades = {g.code: g for g in services.work_grades(cell)}
    url = reverse("evaluations:review", args=[2026, 10])
    done = make_task(cell, member, assigned_on=date(2026, 9, 1), due_date=date(2026, 9, 20))
    task_services.progress_report(task=done, by=member, percent=100, note="", on=date(2026, 9, 18), done=True)
    task_services.task_assess(task=done, by=committee, level=task_services.completion_levels(cell)[1], comment="")
    sheet = client_for(committee).get(url).content.decode()
    line = sheet[sheet.index("Phạm Thị Dung") :].split("</fieldset>")[0]
    assert "Nhiệm vụ đến hạn tháng trước: 1; đúng hạn 1, chậm 0, không hoàn thành 0." in line  # tasks feed the sheet
    assert "Hoàn thành tốt × 1" in line
    data = _sheet_data(
        review,
        {
            (member, "grade"): grades["A"].pk,
            (member, "workload"): "Giải quyết 12 tin báo",
            (member, "proposal"): Proposal.PRAISE,
            (member, "note"): "Hoàn thành xuất sắc chỉ tiêu tin báo",
            (committee, "proposal"): Proposal.REMIND,
            (committee, "note"): "Chậm nộp báo cáo tuần",
        },
    )
    response = client_for(committee).post(url, {**data, "submit": "1"})
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == MonthlyReview.Status.SUBMITTED
    line = review.rows.get(member=member)
    assert line.grade == grades["A"] and line.workload == "Giải quyết 12 tin báo"
    entry = AuditEntry.objects.get(object_id=line.pk, content_type__model="reviewrow")
    assert entry.changes["workload"] == ["", "Giải quyết 12 tin báo"]  # who, when, old and new value

    assert client_for(committee).post(reverse("evaluations:review_confirm", args=[2026, 10])).status_code == 403
    with monkeypatch.context() as day:  # confirmed on the meeting's day: the proposals go to this meeting
        day.setattr(timezone, "localdate", lambda *args: held_meeting.date)
        client_for(secretary).post(reverse("evaluations:review_confirm", args=[2026, 10]))
    review.refresh_from_db()
    assert review.is_confirmed and review.confirmed_by == secretary

    detail = client_for(secretary).get(held_meeting.get_absolute_url()).content.decode()
    assert "Đề xuất đã được xác nhận của chi ủy" in detail and "Hoàn thành xuất sắc chỉ tiêu tin báo" in detail
    announce = reverse("evaluations:announce", args=[held_meeting.pk])
    page = client_for(secretary).get(announce).content.decode()
    assert "Hoàn thành xuất sắc chỉ tiêu tin báo" in page  # the proposal, filled in to start with
    client_for(secretary).post(
        announce,
        {
            f"praise_{member.pk}": "Biểu dương đồng chí đã hoàn thành xuất sắc chỉ tiêu tin báo",
            f"remind_{committee.pk}": "",  # proposed, but not said at the meeting
        },
    )
    said = Announcement.objects.get(meeting=held_meeting)
    assert said.member == member and said.kind == Proposal.PRAISE and said.row == line
    shaped = with_record(Meeting.objects.filter(pk=held_meeting.pk)).get()
    text = compose_minutes(shaped, record_of(shaped), attendance_sheet(shaped))
    assert "- Biểu dương đồng chí Phạm Thị Dung: Biểu dương đồng chí đã hoàn thành xuất sắc" in text
    record = client_for(member).get(reverse("evaluations:member", args=[member.pk])).content.decode()
    assert "Biểu dương đồng chí đã hoàn thành xuất sắc chỉ tiêu tin báo" in record and str(held_meeting) in record


def test_it_refuses_a_grade_outside_the_scale_and_keeps_what_was_typed(client_for, committee, member, review, outsider):
    foreign = services.work_grades(outsider.cell)[0]
    data = _sheet_data(review, {(member, "grade"): foreign.pk, (member, "workload"): "Đã nhập nội dung dài"})
    response = client_for(committee).post(reverse("evaluations:review", args=[2026, 10]), data)
    html = response.content.decode()
    assert "Hãy chọn một mức trong thang bình xét của chi bộ." in html
    assert "Đã nhập nội dung dài" in html
    assert review.rows.get(member=member).workload == ""


def test_it_refuses_a_line_for_a_member_who_had_left(client_for, committee, cell, unit, review):
    gone = make_member(cell, unit=unit, full_name="Trương Văn Rời", left_on=date(2026, 9, 1))
    assert not review.rows.filter(member=gone).exists()  # not on the sheet of a month after they left
    other = services.review_open(cell=cell, month=date(2026, 8, 1), by=committee)
    foreign_line = other.rows.get(member=gone)
    data = {**_sheet_data(review), f"workload_{foreign_line.pk}": "x"}
    response = client_for(committee).post(reverse("evaluations:review", args=[2026, 10]), data)
    assert "Bảng không có dòng của đảng viên này trong tháng" in response.content.decode()
    assert ReviewRow.objects.get(pk=foreign_line.pk).workload == ""


def test_it_keeps_one_review_a_month(client_for, committee, cell, review):
    response = client_for(committee).post(reverse("evaluations:reviews"), {"month": "10/2026"}, follow=True)
    assert "Bảng nhận xét tháng này đã có" in response.content.decode()
    assert MonthlyReview.objects.filter(cell=cell, month=MONTH).count() == 1


def test_it_locks_a_confirmed_review(client_for, committee, secretary, member, review):
    services.review_confirm(review=review, by=secretary)
    data = _sheet_data(review, {(member, "workload"): "Sửa sau khi xác nhận"})
    response = client_for(committee).post(reverse("evaluations:review", args=[2026, 10]), data, follow=True)
    assert "Bảng nhận xét đã được xác nhận: không thể sửa nữa." in response.content.decode()
    assert review.rows.get(member=member).workload == ""


def test_it_records_commendations_and_violations_with_history(client_for, committee, member):
    client = client_for(committee)
    response = client.post(
        reverse("evaluations:violation_add", args=[member.pk]),
        {
            "description": "Chậm nộp báo cáo",
            "found_on": "10/06/2026",
            "found_by": "Chi ủy",
            "handling": "reminder",
            "handled_on": "01/06/2026",
        },
    )
    assert "Không thể xử lý vi phạm trước ngày phát hiện." in response.content.decode()
    assert 'value="Chi ủy"' in response.content.decode()
    data = {
        "description": "Chậm nộp báo cáo",
        "found_on": "10/06/2026",
        "found_by": "Chi ủy",
        "handling": "reminder",
        "handled_on": "12/06/2026",
    }
    assert client.post(reverse("evaluations:violation_add", args=[member.pk]), data).status_code == 302
    violation = Violation.objects.get(member=member)
    client.post(reverse("evaluations:violation_edit", args=[violation.pk]), {**data, "result": "Đã khắc phục"})
    page = client.get(reverse("evaluations:violation_edit", args=[violation.pk])).content.decode()
    assert "Kết quả: — → Đã khắc phục" in page  # the history: old and new value

    client.post(
        reverse("evaluations:commendation_add", args=[member.pk]),
        {"form": "Bằng khen", "decided_on": "02/09/2026", "issuer": "Viện trưởng VKSND tối cao"},
    )
    record = client_for(member).get(reverse("evaluations:member", args=[member.pk])).content.decode()
    assert "Bằng khen" in record and "Chậm nộp báo cáo" in record and "Đã khắc phục" in record


def test_it_shows_a_member_only_their_own_record(client_for, member, committee, secretary, review):
    make_violation(committee, description="Vi phạm của người khác")
    services.review_save(
        review=review, rows={review.rows.get(member=member).pk: {"workload": "Bản nháp"}}, by=committee
    )
    client = client_for(member)
    own = reverse("evaluations:member", args=[member.pk])
    assert "Bản nháp" not in client.get(own).content.decode()  # a draft review is the committee's
    services.review_confirm(review=review, by=secretary)
    assert "Bản nháp" in client.get(own).content.decode()
    assert client.get(reverse("evaluations:member", args=[committee.pk])).status_code == 404
    assert client.get(reverse("evaluations:review", args=[2026, 10])).status_code == 403
    assert client.get(reverse("evaluations:mine"))["Location"] == reverse("evaluations:member", args=[member.pk])
    assert "Vi phạm của người khác" not in client.get(reverse("evaluations:member", args=[member.pk])).content.decode()


def test_it_shows_the_regularity_of_praise_and_criticism(client_for, secretary, member, held_meeting, review):
    Announcement.objects.create(meeting=held_meeting, member=member, kind=Proposal.PRAISE, text="Tốt")
    page = client_for(secretary).get(reverse("evaluations:regularity")).content.decode()
    today = timezone.localdate()
    months = (today.year - held_meeting.date.year) * 12 + today.month - held_meeting.date.month
    row = page[page.index("Phạm Thị Dung") :].split("</tr>")[0]
    assert held_meeting.date.strftime("%d/%m/%Y") in row and f">{months}<" in row
    assert "Buổi sinh hoạt chưa có bảng nhận xét được xác nhận trước" in page
    late = page.split("Buổi sinh hoạt chưa có bảng nhận xét được xác nhận trước")[1]
    assert str(held_meeting) in late and "chưa xác nhận" in late  # the review exists but was never confirmed


def test_it_proposes_the_yearly_level_from_the_record(cell, secretary, committee, member, unit):
    levels = services.rating_levels(cell)
    task_levels = task_services.completion_levels(cell)
    year = 2026
    # Member: every task done on time and above the expected level → all conditions of the top level.
    for i in range(3):
        task = make_task(cell, member, assigned_on=date(year, 3, 1), due_date=date(year, 3, 20 + i))
        task_services.progress_report(task=task, by=member, percent=100, note="", on=task.due_date, done=True)
        task_services.task_assess(task=task, by=secretary, level=task_levels[0], comment="")
    # Committee member: a task done late and a reprimand → no better than "Hoàn thành nhiệm vụ".
    late = make_task(cell, committee, assigned_on=date(year, 3, 1), due_date=date(year, 3, 10))
    task_services.progress_report(task=late, by=committee, percent=100, note="", on=date(year, 3, 15), done=True)
    make_violation(committee, handling=Violation.Handling.REPRIMAND, found_on=date(year, 4, 1), handled_on=None)
    exempt = make_member(cell, unit=unit, full_name="Lý Văn Miễn", exempt_since=date(2025, 1, 1))

    records = {r.member.pk: r for r in year_records(cell, year, levels)}
    top = records[member.pk]
    assert (top.points, top.proposed) == (100, levels[0])  # 30 + 70
    low = records[committee.pk]
    assert low.common_points == 30 - cell.rating_discipline_deduction and low.task_points == 35
    assert low.points == 50 and low.proposed == levels[2]  # "Hoàn thành nhiệm vụ": late task and discipline
    assert records[exempt.pk].exempt and records[exempt.pk].proposed is None


def test_it_lets_the_committee_override_the_proposal_only_with_a_reason(client_for, cell, committee, member, secretary):
    client = client_for(committee)
    url = reverse("evaluations:classification", args=[2026])
    levels = services.rating_levels(cell)
    records = year_records(cell, 2026, levels)
    data = {f"level_{r.member.pk}": r.proposed.pk for r in records}
    data["decided_on"] = timezone.localdate().strftime("%d/%m/%Y")
    data[f"level_{member.pk}"] = levels[3].pk  # not the proposal, no reason
    response = client.post(url, data)
    assert "Hãy ghi lý do khi chọn mức khác với mức đề xuất." in response.content.decode()
    assert not Classification.objects.exists()
    data[f"reason_{member.pk}"] = "Vi phạm phát hiện sau kỳ đánh giá"
    assert client.post(url, data).status_code == 302
    decided = Classification.objects.get(member=member, year=2026)
    assert decided.level == levels[3] and decided.reason == "Vi phạm phát hiện sau kỳ đánh giá"
    assert decided.confirmed_by == committee
    assert AuditEntry.objects.filter(object_id=decided.pk, content_type__model="classification").exists()

    reader, text = read_pdf(client.get(reverse("evaluations:classification_pdf", args=[2026])).content)
    assert_a4_with_embedded_fonts(reader)
    assert "BÁO CÁO" in text and "Kết quả đánh giá, đề nghị xếp loại chất lượng đảng viên năm 2026" in text
    assert "Phạm Thị Dung" in text and "Không hoàn thành nhiệm vụ" in text and "T/M CHI BỘ" in text


def test_it_keeps_the_classification_rules_as_data(client_for, secretary, cell):
    client = client_for(secretary)
    first = services.rating_levels(cell)[0]
    data = {"label": first.label, "min_points": 95, "all_on_time": "on", "min_exceeding_share": 40}
    assert client.post(reverse("meetings:ratings_edit", args=[first.pk]), data).status_code == 302
    first.refresh_from_db()
    assert first.min_points == 95 and first.min_exceeding_share == 40 and not first.all_remedied
    response = client.post(reverse("meetings:grades"), {"step-code": "D", "step-label": "Không hoàn thành"})
    assert response.status_code == 302
    assert [g.code for g in services.work_grades(cell)] == ["A", "B", "C", "D"]


def test_it_loads_a_demo_year_of_reviews(settings, db):
    settings.DEBUG = True
    seeded.seed_demo()
    rows = ReviewRow.objects.filter(review__cell__name="Chi bộ 4").select_related("grade", "member")
    grades = [row.grade.code for row in rows if row.grade]
    assert grades.count("A") > 0.7 * len(grades) and "B" in grades
    hung = [row for row in rows.order_by("review__month") if row.member.full_name == "Đặng Quốc Hùng"]
    assert Proposal.CRITICISE in [row.proposal for row in hung]
    first_criticism = next(i for i, row in enumerate(hung) if row.proposal == Proposal.CRITICISE)
    assert hung[-1].grade.code == "A" and hung[first_criticism].grade.code != "A"  # criticised once, improving
    assert Violation.objects.filter(member__full_name="Đặng Quốc Hùng").exclude(result="").exists()
    assert Announcement.objects.filter(meeting__cell__name="Chi bộ 4").count() >= 12
    assert MonthlyReview.objects.filter(status="confirmed").count() >= 10
