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
