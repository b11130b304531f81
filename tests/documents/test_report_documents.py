"""The classification report, the supervision plan and the supervision report as the secretary signs them:
the demo's three documents pinned line by line (tests/documents/expected/, reviewed by reading the PDF), and
each rule of issue 15 on its own: grouping, no best level with a late task, counts per level, the plan cited
in the report, true dates, and refusals of an incomplete record that lose nothing."""

import os
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from evaluations import services as evaluation_services
from evaluations.models import Classification, RatingLevel
from evaluations.pdf import classification_context
from evaluations.selectors import YearRecord, _propose, year_records
from meetings.models import Meeting
from supervision import services as supervision_services
from supervision.models import SupervisionItem, SupervisionPlan
from supervision.pdf import grouped
from tests.documents.reports_demo import EXPECTED, at, body_of, demo_documents, loaded_demo, pdf_text
from tests.factories import make_task

XS = "Hoàn thành xuất sắc nhiệm vụ"


@pytest.mark.django_db
def test_the_demo_documents_read_as_the_secretary_reviewed_them():
    documents = demo_documents()
    texts = {name: pdf_text(content) for name, content in documents.items()}
    for name, text in texts.items():
        path = EXPECTED / f"{name}.txt"
        if os.environ.get("UPDATE_EXPECTED"):  # after a deliberate change; then read the diff line by line
            path.write_text(body_of(text), encoding="utf-8")
        assert body_of(text) == path.read_text(), name
    plan, report, ranking = texts["supervision_plan"], texts["supervision_report"], texts["classification"]
    # The number and the date of each, and who signs for whom (the header and the signature around the body).
    assert "Số 04-KH/CB" in plan and "Số 03-BC/CB" in report and "Số -BC/CB" in ranking  # a clerk numbers it
    for text, signs in [(plan, "T/M CHI ỦY"), (report, "T/M CHI ỦY"), (ranking, "T/M CHI BỘ")]:
        assert f"{signs}\nBÍ THƯ\n\nNguyễn Văn An" in text
    # Dated by their own events, none by the day of printing (20/12/2026).
    assert "ngày 25 tháng 9 năm 2026" in plan  # approved before the fourth quarter began
    assert "ngày 28 tháng 9 năm 2026" in report  # the third quarter reported at its end
    assert "ngày 05 tháng 12 năm 2026" in ranking  # decided at the December meeting
    assert "ngày 20 tháng 12" not in plan + report + ranking
    # The report cites the plan it carries out.
    assert "Thực hiện Kế hoạch số 03-KH/CB ngày 25/06/2026 của Chi ủy Chi bộ 4" in report
    # The shared content is written once, for all who share it.
    assert " ".join(plan.split()).count("việc thực hiện những điều đảng viên không được làm") == 1
    assert "- Các đồng chí Nguyễn Văn An, Trần Thị Bình, Lê Văn Cường, Phạm Thị" in plan
    # The cell proposes, the committee above decides; the secretary signs with her name.
    assert "Chi bộ báo cáo kết quả và đề nghị Đảng ủy Viện" in ranking and "T/M CHI BỘ" in ranking
    assert ranking.rstrip().endswith("Nguyễn Văn An")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "moment",
    [
        datetime(2027, 1, 2, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")),
        datetime(2026, 8, 14, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")),
    ],
)
def test_the_demo_dates_hold_whatever_day_it_is_loaded(moment):
    with at(moment):
        cell = loaded_demo()
    today = moment.date()
    plans = SupervisionPlan.objects.filter(cell=cell)
    assert plans.count() == 4
    for plan in plans:
        start, end = plan.bounds
        assert start - timedelta(days=14) <= plan.approved_on < start and plan.approved_on.weekday() < 5
        findings = [item.findings_on for item in plan.items.all() if item.findings_on]
        assert all(plan.approved_on < day <= today for day in findings)
        if plan.status == SupervisionPlan.Status.REPORTED:
            assert max(findings) <= plan.reported_on <= min(end, today) and plan.reported_on.weekday() < 5
    # The year is decided at the December meeting the demo has held (2026 on 2/1/2027, 2025 on 14/8/2026).
    decisions = Classification.objects.filter(cell=cell)
    december = Meeting.objects.get(cell=cell, kind=Meeting.Kind.REGULAR, month__month=12)
    assert decisions.count() == 9
    assert {(d.year, d.confirmed_on) for d in decisions} == {(december.month.year, december.date)}
    assert december.date < today


def test_members_sharing_a_thing_are_named_together_in_order():
    items = [SupervisionItem(content=c, member_id=n) for n, c in enumerate(["a", "b", "a", "a", "c"])]
    groups = grouped(items, lambda item: item.content)
    assert [(g.key, [i.member_id for i in g.items]) for g in groups] == [("a", [0, 2, 3]), ("b", [1]), ("c", [4])]


def test_the_best_level_needs_every_task_on_time_even_if_the_settings_forget_it(cell):
    levels = evaluation_services.rating_levels(cell)
    RatingLevel.objects.filter(pk=levels[0].pk).update(all_on_time=False)  # a cell's setting that lost the rule
    levels = evaluation_services.rating_levels(cell)
    record = YearRecord(member=None, on_time=10, late=1, exceeding=10)
    _propose(record, cell, levels)
    assert record.points >= 90 and record.proposed != levels[0]
    assert record.why[0][0] == levels[0] and "on_time" in record.why[0][1]
    record = YearRecord(member=None, on_time=11, exceeding=10)
    _propose(record, cell, levels)
    assert record.proposed == levels[0]


def test_the_committee_cannot_set_the_best_level_for_a_member_with_a_late_task(client_for, cell, committee, member):
    levels = evaluation_services.rating_levels(cell)
    make_task(cell, member, assigned_on=date(2026, 1, 5), due_date=date(2026, 2, 10))  # overdue, never done
    records = year_records(cell, 2026, levels)
    data = {f"level_{r.member.pk}": r.proposed.pk for r in records if not r.exempt}
    data[f"level_{member.pk}"] = levels[0].pk
    data[f"reason_{member.pk}"] = "Thành tích nổi bật"
    data["decided_on"] = timezone.localdate().strftime("%d/%m/%Y")
    response = client_for(committee).post(reverse("evaluations:classification", args=[2026]), data)
    page = response.content.decode()
    assert response.status_code == 200 and "Phạm Thị Dung có 1 nhiệm vụ không hoàn thành đúng hạn" in page
    assert "Thành tích nổi bật" in page and not Classification.objects.exists()
    with pytest.raises(ValidationError, match="đúng hạn"):
        evaluation_services.classification_confirm(
            cell=cell, year=2026, member=member, level=levels[0], reason="x", points=90, proposed="",
            by=committee, not_on_time=1,
        )  # fmt: skip


def test_a_classification_with_a_member_missing_a_level_is_refused_whole(client_for, cell, committee, member):
    levels = evaluation_services.rating_levels(cell)
    records = [r for r in year_records(cell, 2026, levels) if not r.exempt]
    data = {f"level_{r.member.pk}": r.proposed.pk for r in records}
    data[f"level_{member.pk}"] = ""
    data[f"reason_{committee.pk}"] = "Ý kiến đã ghi"
    data["decided_on"] = timezone.localdate().strftime("%d/%m/%Y")
    response = client_for(committee).post(reverse("evaluations:classification", args=[2026]), data)
    page = response.content.decode()
    assert response.status_code == 200 and "Hãy chọn mức xếp loại cho đồng chí Phạm Thị Dung" in page
    assert "Ý kiến đã ghi" in page and not Classification.objects.exists()
    data[f"level_{member.pk}"] = levels[1].pk
    data[f"reason_{member.pk}"] = "Chi ủy xem xét lại"
    data["decided_on"] = (timezone.localdate() + timedelta(days=3)).strftime("%d/%m/%Y")
    response = client_for(committee).post(reverse("evaluations:classification", args=[2026]), data)
    assert "Ngày quyết định không được sau ngày hôm nay." in response.content.decode()
    assert not Classification.objects.exists()


def test_the_report_counts_each_level_and_states_the_band_and_the_decision_day(cell, secretary, committee, member):
    levels = evaluation_services.rating_levels(cell)
    records = year_records(cell, 2026, levels)
    context = classification_context(cell, 2026, records, levels)
    assert [c[0] for c in context["counts"]] == levels and sum(c[2] for c in context["counts"]) == 3
    assert [c[1] for c in context["counts"]] == [
        "từ 90 điểm trở lên", "từ 70 đến dưới 90 điểm", "từ 50 đến dưới 70 điểm", "dưới 50 điểm",
    ]  # fmt: skip
    assert context["draft"] and context["date_line"] == "Tuyên Quang, ngày … tháng … năm …"
    for record in records:
        evaluation_services.classification_confirm(
            cell=cell, year=2026, member=record.member, level=record.proposed, reason="",
            points=record.points, proposed=record.proposed.label, by=secretary, on=date(2026, 11, 27),
        )  # fmt: skip
    records = year_records(cell, 2026, levels)
    context = classification_context(cell, 2026, records, levels)
    assert not context["draft"] and context["date_line"] == "Tuyên Quang, ngày 27 tháng 11 năm 2026"
    counted = {c[0].label: c[2] for c in context["counts"]}
    assert counted == {level.label: sum(1 for r in records if r.proposed == level) for level in levels}


@pytest.mark.django_db
def test_a_plan_is_approved_on_or_before_its_quarter_and_never_in_the_future(cell, secretary, committee, member):
    with at(datetime(2026, 10, 10, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))):
        plan = supervision_services.plan_propose(cell=cell, year=2027, quarter=1, by=secretary)
        with pytest.raises(ValidationError, match="ngày hôm nay"):
            supervision_services.plan_approve(plan=plan, by=secretary, on=date(2026, 12, 20))
        late = supervision_services.plan_propose(cell=cell, year=2026, quarter=4, by=secretary)
        with pytest.raises(ValidationError, match="01/10/2026"):
            supervision_services.plan_approve(plan=late, by=secretary, on=date(2026, 10, 5))
        supervision_services.plan_approve(plan=late, by=secretary)  # the default: the quarter's first day
        late.refresh_from_db()
        assert late.approved_on == date(2026, 10, 1) and late.approval_date == date(2026, 10, 1)
        supervision_services.plan_approve(plan=plan, by=secretary)  # next quarter's plan: dated today
        plan.refresh_from_db()
        assert plan.approved_on == date(2026, 10, 10)


def test_the_approval_form_keeps_the_date_and_says_why(client_for, cell, secretary, committee, member):
    plan = supervision_services.plan_propose(cell=cell, year=2026, quarter=4, by=secretary)
    url = reverse("supervision:plan_approve", args=[plan.pk])
    response = client_for(secretary).post(url, {"approved_on": "15/10/2026"})
    page = response.content.decode()
    assert response.status_code == 200 and "trước hoặc đúng ngày 01/10/2026" in page and "15/10/2026" in page
    plan.refresh_from_db()
    assert plan.status == SupervisionPlan.Status.DRAFT
    assert client_for(secretary).post(url, {"approved_on": "28/09/2026"}).status_code == 302
    plan.refresh_from_db()
    assert plan.approved_on == date(2026, 9, 28)
