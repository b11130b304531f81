import io
import re

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.e2e.conftest import assert_accessible, log_in, seed_demo

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(settings):
    seed_demo(settings)


def test_the_party_committee_reads_its_cells(demo, open_page):
    page = open_page()
    log_in(page, "danguy")
    page.get_by_role("heading", name=re.compile("Tình hình sinh hoạt chi bộ")).wait_for()  # its home
    assert "/superior/" in page.url
    page.get_by_role("link", name="Năm").click()
    page.get_by_text("Cần đôn đốc").first.wait_for()
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Xuất Excel").click()
    book = load_workbook(io.BytesIO(open(download.value.path(), "rb").read()))
    names = {row[0] for row in book.active.iter_rows(values_only=True)}
    assert {"Chi bộ 1", "Chi bộ 2", "Chi bộ 3", "Chi bộ 4", "Chi bộ 5"} <= names
    with page.expect_download() as download:
        page.get_by_role("link", name="Báo cáo có chữ ký (PDF)").click()
    text = " ".join(p.extract_text() for p in PdfReader(open(download.value.path(), "rb")).pages)
    assert "BÁO CÁO" in text and "T/M ĐẢNG ỦY" in text
    page.locator("table").get_by_role("link", name="Chi bộ 4").click()
    page.get_by_role("heading", name=re.compile("Chi bộ 4")).wait_for()
    with page.expect_download() as download:
        page.get_by_role("link", name="Biên bản (PDF)").first.click()
    text = " ".join(p.extract_text() for p in PdfReader(open(download.value.path(), "rb")).pages)
    assert "BIÊN BẢN" in text and "DỰ THẢO" not in text
    # The search over the đảng bộ's approved documents, from the drill-down: this cell first, then every cell.
    page.get_by_role("link", name="Tìm kiếm văn bản đã thông qua của chi bộ này").click()
    page.get_by_role("heading", name="Tìm kiếm văn bản đã thông qua của các chi bộ").wait_for()
    page.locator("#id_q").fill("bien ban")
    page.get_by_role("button", name="Tìm").click()
    page.locator(".search-results").wait_for()
    assert_accessible(page)
    cells = set(page.locator(".search-results .search-cell").all_inner_texts())
    assert cells == {"Chi bộ 4"}
    links = page.locator(".search-results a.fw-semibold").evaluate_all("links => links.map(a => a.pathname)")
    assert links and all(link.startswith("/superior/meetings/") for link in links)
    page.locator("#id_cell").select_option("")
    page.get_by_role("button", name="Tìm").click()
    page.locator(".search-results").wait_for()
    assert len(set(page.locator(".search-results .search-cell").all_inner_texts())) > 1
    with page.expect_download() as download:
        page.locator(".search-results a.fw-semibold").first.click()
    text = " ".join(p.extract_text() for p in PdfReader(open(download.value.path(), "rb")).pages)
    assert "DỰ THẢO" not in text
