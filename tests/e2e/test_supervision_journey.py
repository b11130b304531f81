import io

import pytest
from pypdf import PdfReader

from supervision.models import SupervisionItem, SupervisionPlan
from tests.e2e.conftest import assert_accessible, log_in, open_menu, seed_demo

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(settings):
    seed_demo(settings)


def test_it_takes_a_plan_from_the_proposal_to_findings(demo, open_page):
    page = open_page()
    log_in(page, "bithu")
    open_menu(page, "Đánh giá", "Giám sát")
    page.get_by_role("button", name="Đề xuất kế hoạch quý").click()
    page.get_by_text("Đã đề xuất kế hoạch quý tới").wait_for()
    assert_accessible(page)
    plan = SupervisionPlan.objects.filter(cell__name="Chi bộ 4", status="draft").get()
    first = page.locator("fieldset").first
    first.get_by_label("Nội dung giám sát").fill("Việc thực hiện nhiệm vụ chuyển đổi số được giao")
    first.get_by_label("Đến ngày").fill("15/06/2030")  # outside the quarter: refused, nothing lost
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Thời gian giám sát phải nằm trong quý").wait_for()
    first = page.locator("fieldset").first
    assert first.get_by_label("Nội dung giám sát").input_value() == "Việc thực hiện nhiệm vụ chuyển đổi số được giao"
    first.get_by_label("Đến ngày").fill(plan.bounds[1].strftime("%d/%m/%Y"))
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Đã lưu kế hoạch.").wait_for()
    page.get_by_role("button", name="Thông qua kế hoạch").click()
    page.get_by_text("Kế hoạch đã được thông qua và khóa").wait_for()
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Kế hoạch (PDF)").click()
    with open(download.value.path(), "rb") as handle:
        text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(handle.read())).pages)
    assert "KẾ HOẠCH" in text and "-KH/CB" in text and "chuyển đổi số" in text and "T/M CHI ỦY" in text

    current = SupervisionPlan.objects.get(cell__name="Chi bộ 4", status="in_progress")
    recorded = current.items.filter(supervisor__user__username="chiuy", findings_on__isnull=False).count()
    committee = open_page()
    log_in(committee, "chiuy")
    committee.goto(f"{committee.base_url}{current.get_absolute_url()}")
    committee.get_by_role("link", name="Ghi kết quả").first.click()
    committee.get_by_label("Ưu điểm").fill("Chủ động, hoàn thành tốt nhiệm vụ được giao")
    committee.get_by_label("Kiến nghị").fill("Tiếp tục phát huy")
    committee.get_by_role("button", name="Lưu kết quả").click()
    committee.get_by_text("Đã ghi kết quả giám sát.").wait_for()
    assert_accessible(committee)
    assert SupervisionItem.objects.filter(plan=current, strengths__startswith="Chủ động").exists()
    assert current.items.filter(supervisor__user__username="chiuy", findings_on__isnull=False).count() == recorded + 1

    member = open_page()
    log_in(member, "dangvien")
    member.goto(f"{member.base_url}{current.get_absolute_url()}")
    rows = member.locator("tbody tr")
    assert rows.count() >= 1
    assert all("Phạm Thị Dung" in rows.nth(i).inner_text() for i in range(rows.count()))  # only what concerns her
    assert member.goto(f"{member.base_url}{plan.get_absolute_url()}").status == 200  # approved: she is in it
    assert member.get_by_role("link", name="Sửa kế hoạch").count() == 0
