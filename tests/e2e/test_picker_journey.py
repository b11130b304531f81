"""The assignee picker (Tom Select, static/js/picker.js): searchable by a part of a name, without accents,
and the form submits the chosen members; date fields keep dd/mm/yyyy and get a small calendar."""

from datetime import timedelta

import pytest
from django.utils import timezone

from assignments.models import Task
from tests.e2e.conftest import assert_accessible, log_in, seed_demo

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(settings):
    seed_demo(settings)


def test_the_assignee_picker_is_searchable_and_submits(demo, open_page):
    page = open_page(viewport={"width": 1366, "height": 900})
    log_in(page, "bithu")
    page.goto(f"{page.base_url}/tasks/new/")
    page.locator("#id_title").fill("Chuẩn bị báo cáo chuyển đổi số")
    page.locator("#id_expected_level").select_option(index=1)
    picker = page.get_by_role("combobox", name="Người thực hiện")
    picker.click()
    picker.fill("dung")  # no accents: still finds "Phạm Thị Dung"
    options = page.locator(".ts-dropdown .option:visible")
    options.filter(has_text="Phạm Thị Dung").click()
    picker.fill("ha")
    options.filter(has_text="Vũ Thị Hà").wait_for()
    assert "Nguyễn Văn An" not in options.all_inner_texts()  # the search narrows the list
    options.filter(has_text="Vũ Thị Hà").click()
    picker.fill("khong co ai ten nay")
    page.get_by_text("Không tìm thấy đảng viên").wait_for()
    picker.fill("")
    page.keyboard.press("Escape")
    chosen = page.locator(".ts-control .item").all_inner_texts()
    assert sorted(text.replace("×", "").strip() for text in chosen) == ["Phạm Thị Dung", "Vũ Thị Hà"]
    due = timezone.localdate() + timedelta(days=30)
    page.get_by_label("Thời hạn").fill(f"{due:%d/%m/%Y}")
    assert page.get_by_role("button", name="Chọn trên lịch").count() == 2  # assigned on, due date
    assert_accessible(page)
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Đã giao 2 nhiệm vụ.").wait_for()
    tasks = Task.objects.filter(title="Chuẩn bị báo cáo chuyển đổi số")
    assert sorted(t.assignee.full_name for t in tasks) == ["Phạm Thị Dung", "Vũ Thị Hà"]
    assert {t.due_date for t in tasks} == {due}


def test_the_picker_form_works_without_javascript(demo, browser, live_server):
    context = browser.new_context(java_script_enabled=False, locale="vi-VN")
    page = context.new_page()
    page.base_url = live_server.url
    log_in(page, "bithu")
    page.goto(f"{page.base_url}/tasks/new/")
    page.locator("#id_title").fill("Việc không cần JavaScript")
    page.locator("#id_expected_level").select_option(index=1)
    page.get_by_label("Người thực hiện").select_option(label=["Phạm Thị Dung"])
    due = timezone.localdate() + timedelta(days=10)
    page.get_by_label("Thời hạn").fill(f"{due:%d/%m/%Y}")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Đã giao 1 nhiệm vụ.").wait_for()
    assert Task.objects.get(title="Việc không cần JavaScript").assignee.full_name == "Phạm Thị Dung"
    context.close()
