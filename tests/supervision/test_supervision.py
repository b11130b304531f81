"""Quarterly supervision plans: proposed from the last one, edited as a draft, approved and locked,
findings by the supervisor, the report, coverage and the pool of future committee members."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluations.models import Violation
from members.models import AuditEntry
from supervision import services
from supervision.models import Candidate, SupervisionItem, SupervisionPlan
from tests import seeded
from tests.factories import make_member
from tests.pdfs import assert_a4_with_embedded_fonts, read_pdf


@pytest.fixture
def plan(cell, secretary, committee, member):
    plan = services.plan_propose(cell=cell, year=2026, quarter=4, by=secretary)
    item = plan.items.get(member=member)
    item.supervisor, item.content = committee, "Thực hiện nhiệm vụ chuyên môn được giao"
    item.save()
    return plan


def _edit_data(plan, row_overrides=None):
    """The edit page's data: the plan's fields and one row per item, as the browser posts them."""
    items = list(plan.items.all())
    data = {
        "purpose": plan.purpose,
        "scope": plan.scope,
        "item-TOTAL_FORMS": len(items),
        "item-INITIAL_FORMS": len(items),
        "item-MIN_NUM_FORMS": 0,
        "item-MAX_NUM_FORMS": 80,
    }
    for n, item in enumerate(items):
        row = {
            "item_id": item.pk,
            "member": item.member_id,
            "content": item.content,
            "form": item.form,
            "method": item.method,
            "supervisor": item.supervisor_id,
            "period_start": item.period_start.strftime("%d/%m/%Y"),
            "period_end": item.period_end.strftime("%d/%m/%Y"),
            "report_due": item.report_due.strftime("%d/%m/%Y"),
        }
        row.update((row_overrides or {}).get(item.member_id, {}))
        data.update({f"item-{n}-{key}": value for key, value in row.items()})
    return data


def test_it_proposes_next_quarter_from_the_last_plan(client_for, secretary, committee, member, cell, unit, plan):
    exempt = make_member(cell, unit=unit, full_name="Lý Văn Miễn", exempt_since=date(2025, 1, 1))
    services.plan_approve(plan=plan, by=secretary)
    client = client_for(secretary)
    response = client.post(reverse("supervision:plan_create"))
    proposed = SupervisionPlan.objects.get(cell=cell, year=2027, quarter=1)
    assert response["Location"] == reverse("supervision:plan_edit", args=[proposed.pk])
    members = {item.member for item in proposed.items.all()}
    assert {secretary, committee, member} <= members and exempt not in members
    carried = proposed.items.get(member=member)
    assert carried.content == "Thực hiện nhiệm vụ chuyên môn được giao" and carried.supervisor == committee
    assert (carried.period_start, carried.period_end) == (date(2027, 1, 1), date(2027, 3, 31))
    assert all(item.member_id != item.supervisor_id for item in proposed.items.all())

    with pytest.raises(Exception, match="đã có kế hoạch|already has a plan"):
        services.plan_propose(cell=cell, year=2027, quarter=1, by=secretary)
    assert SupervisionPlan.objects.filter(cell=cell, year=2027, quarter=1).count() == 1


def test_it_rejects_bad_rows_and_keeps_what_was_typed(client_for, secretary, committee, member, outsider, plan):
    client = client_for(secretary)
    url = reverse("supervision:plan_edit", args=[plan.pk])
    typed = "Nội dung mới đã gõ"
    bad = [
        ({committee.pk: {"supervisor": committee.pk, "content": typed}}, "Đảng viên không thể tự giám sát chính mình."),
        ({member.pk: {"supervisor": member.pk, "content": typed}}, "Hãy chọn một chi ủy viên của chi bộ này."),
        ({member.pk: {"member": outsider.pk, "content": typed}}, "Chọn một đảng viên của chi bộ này."),
        ({member.pk: {"period_end": "15/01/2027", "content": typed}}, "Thời gian giám sát phải nằm trong quý"),
    ]
    for overrides, message in bad:
        response = client.post(url, _edit_data(plan, overrides))
        html = response.content.decode()
        assert response.status_code == 200 and message in html
        assert typed in html  # nothing lost
    assert plan.items.get(member=member).content == "Thực hiện nhiệm vụ chuyên môn được giao"

    assert client.post(url, _edit_data(plan, {member.pk: {"content": typed}})).status_code == 302
    item = plan.items.get(member=member)
    assert item.content == typed
    logged = AuditEntry.objects.get(content_type__model="supervisionitem", object_id=item.pk, action="update")
    assert logged.changes == {"content": ["Thực hiện nhiệm vụ chuyên môn được giao", typed]}


def test_it_locks_an_approved_plan_against_every_edit(client_for, secretary, member, plan):
    client = client_for(secretary)
    assert client.post(reverse("supervision:plan_approve", args=[plan.pk])).status_code == 302
    plan.refresh_from_db()
    assert plan.status == SupervisionPlan.Status.APPROVED and plan.number == 1
    before = list(SupervisionItem.objects.filter(plan=plan).order_by("pk").values())
    response = client.post(
        reverse("supervision:plan_edit", args=[plan.pk]),
        _edit_data(plan, {member.pk: {"content": "Sửa lén"}}),
        follow=True,
    )
    assert "Kế hoạch đã được thông qua và khóa" in response.content.decode()
    assert list(SupervisionItem.objects.filter(plan=plan).order_by("pk").values()) == before
    assert AuditEntry.objects.filter(object_id=plan.pk, action=AuditEntry.Action.REFUSED).exists()
    with pytest.raises(services.PlanLocked):
        services.plan_save(plan=plan, fields={"purpose": "x"}, items=[], by=secretary)
    too_long = "Bổ sung đồng chí mới chuyển đến. " * 150  # over the 4,000 characters a correction holds
    response = client.post(reverse("supervision:plan_addendum", args=[plan.pk]), {"text": too_long})
    page = response.content.decode()
    assert response.status_code == 200 and "Chưa thêm đính chính" in page
    assert "Đính chính dài tối đa 4.000 ký tự" in page
    assert page.count("Bổ sung đồng chí mới chuyển đến.") >= 150 and not plan.addenda.exists()  # kept as typed
    client.post(reverse("supervision:plan_addendum", args=[plan.pk]), {"text": "Bổ sung đồng chí mới chuyển đến"})
    assert plan.addenda.get().text == "Bổ sung đồng chí mới chuyển đến"


def test_it_lets_the_supervisor_record_findings_on_an_approved_plan(client_for, secretary, committee, member, plan):
    item = plan.items.get(member=member)
    url = reverse("supervision:findings", args=[item.pk])
    data = {
        "strengths": "Gương mẫu",
        "shortcomings": "Chậm nộp báo cáo",
        "violation_sign": "on",
        "create_violation": "on",
    }
    response = client_for(committee).post(url, data)
    assert "Chỉ ghi kết quả giám sát trên kế hoạch đã thông qua" in response.content.decode()  # still a draft
    services.plan_approve(plan=plan, by=secretary)
    assert client_for(committee).post(url, data).status_code == 302
    item.refresh_from_db()
    plan.refresh_from_db()
    assert item.strengths == "Gương mẫu" and item.findings_on is not None
    assert plan.status == SupervisionPlan.Status.IN_PROGRESS
    violation = Violation.objects.get(member=member)
    assert item.violation == violation and violation.description == "Chậm nộp báo cáo"
    own = plan.items.get(member=committee)  # supervised by the secretary: not theirs to record
    assert client_for(committee).post(reverse("supervision:findings", args=[own.pk]), data).status_code == 403

    report = {"summary": "Hoàn thành kế hoạch.", "reported_on": timezone.localdate().strftime("%d/%m/%Y")}
    response = client_for(secretary).post(reverse("supervision:plan_report", args=[plan.pk]), report)
    page = response.content.decode()  # the others' findings are missing: refused, what was typed is kept
    assert response.status_code == 200 and "chưa được ghi" in page and "Hoàn thành kế hoạch." in page
    plan.refresh_from_db()
    assert plan.status == SupervisionPlan.Status.IN_PROGRESS and plan.report_number is None
    for other in plan.items.exclude(pk=item.pk):
        services.findings_save(item=other, values={"strengths": "Chấp hành tốt"}, by=secretary, create_violation=False)
    client_for(secretary).post(reverse("supervision:plan_report", args=[plan.pk]), report)
    plan.refresh_from_db()
    assert plan.status == SupervisionPlan.Status.REPORTED and plan.report_number == 1
    reader, text = read_pdf(client_for(secretary).get(reverse("supervision:report_pdf", args=[plan.pk])).content)
    assert_a4_with_embedded_fonts(reader)
    assert "BÁO CÁO" in text and "Kết quả giám sát đảng viên quý IV năm 2026" in text and "Số 01-BC/CB" in text
    assert "Gương mẫu" in text and "Chậm nộp báo cáo" in text and "T/M CHI ỦY" in text


def test_it_shows_members_only_the_approved_plans_that_concern_them(client_for, secretary, member, committee, plan):
    client = client_for(member)
    assert client.get(plan.get_absolute_url()).status_code == 404  # a draft
    services.plan_approve(plan=plan, by=secretary)
    html = client.get(plan.get_absolute_url()).content.decode()
    assert "Phạm Thị Dung" in html and "Nguyễn Văn An" not in html.split("<tbody>")[1]  # only her own line
    assert "Ghi kết quả" not in html


def test_it_exports_the_plan_in_the_document_format(client_for, secretary, plan):
    services.plan_approve(plan=plan, by=secretary)
    reader, text = read_pdf(client_for(secretary).get(reverse("supervision:plan_pdf", args=[plan.pk])).content)
    assert_a4_with_embedded_fonts(reader)
    assert "KẾ HOẠCH" in text and "Giám sát đảng viên quý IV năm 2026" in text and "Số 01-KH/CB" in text
    assert "Quy định số 296-QĐ/TW" in text and "Phạm Thị Dung" in text and "Lê Văn Cường" in text
    assert "T/M CHI ỦY" in text and "BÍ THƯ" in text and "Nơi nhận" in text and "DỰ THẢO" not in text
    last = reader.pages[-1].extract_text()
    assert "Nguyễn Văn An" in last.splitlines()  # the signer's name on a line of its own, not squeezed


def test_it_highlights_members_not_supervised_two_quarters_in_a_row(client_for, secretary, committee, cell, member):
    q1 = services.plan_propose(cell=cell, year=2026, quarter=1, by=secretary)
    q1.items.filter(member=member).delete()
    services.plan_approve(plan=q1, by=secretary)
    q2 = services.plan_propose(cell=cell, year=2026, quarter=2, by=secretary)
    q2.items.filter(member=member).delete()  # before the approval: an approved plan's items are frozen
    services.plan_approve(plan=q2, by=secretary)
    html = client_for(secretary).get(reverse("supervision:coverage", args=[2026])).content.decode()
    row = html[html.index("Phạm Thị Dung") :].split("</tr>")[0]
    assert "hai quý không được giám sát" in row
    secretary_row = html[html.index("Nguyễn Văn An") :].split("</tr>")[0]
    assert "hai quý không được giám sát" not in secretary_row


def test_it_keeps_the_pool_of_future_committee_members(client_for, secretary, committee, member, cell):
    client = client_for(secretary)
    data = {"member": member.pk, "reason": "Có năng lực, uy tín", "evidence": "Kết quả giám sát tốt"}
    assert client.post(reverse("supervision:pool"), data).status_code == 302
    response = client.post(reverse("supervision:pool"), data)
    assert "Đảng viên này đã có trong nguồn cấp ủy." in response.content.decode()
    assert Candidate.objects.filter(member=member).count() == 1
    html = client.get(reverse("supervision:pool")).content.decode()
    assert "Có năng lực, uy tín" in html and "Chi bộ có 3 đảng viên chính thức và 2 chi ủy viên" in html


def test_it_loads_a_demo_year_of_supervision(settings, db):
    settings.DEBUG = True
    seeded.seed_demo()
    plans = SupervisionPlan.objects.filter(cell__name="Chi bộ 4")
    assert plans.count() == 4
    assert plans.filter(status="reported").count() == 3 and plans.filter(status="in_progress").count() == 1
    assert SupervisionItem.objects.filter(plan__in=plans, findings_on__isnull=False).count() > 20
    assert Candidate.objects.filter(cell__name="Chi bộ 4").count() == 2
