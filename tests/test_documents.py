"""Approved documents never change (documents.FrozenDocument), and every document also downloads as .docx."""

import hashlib
import io
from datetime import date

import docx
import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from docx.shared import Pt

from documents.format import format_for
from documents.models import FrozenDocument
from evaluations import services as evaluation_services
from meetings import services as meeting_services
from members.models import Member
from members.services import member_transfer_out, member_update
from tests.factories import make_member, make_recorded_meeting, make_supervision
from tests.pdfs import read_pdf

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _get(client, name, *args):
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200, response.status_code
    return response.content


def _docx(content: bytes):
    return docx.Document(io.BytesIO(content))


def _docx_lines(document) -> str:
    """Every paragraph of the body and of its tables, spaces collapsed, as one string."""
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            texts += [cell.text for cell in row.cells]
    return " ".join(" ".join(texts).split())


@pytest.fixture
def approved(cell, secretary, committee, member):
    return make_recorded_meeting(cell, month=date(2026, 9, 1), by=secretary.user, approve=True)


def test_it_keeps_the_approved_minutes_byte_for_byte_after_renames_transfers_new_members_and_format(
    client_for, cell, secretary, committee, member, approved
):
    client = client_for(secretary)
    minutes = _get(client, "meetings:minutes_pdf", approved.pk)
    resolution = _get(client, "meetings:resolution_pdf", approved.pk)
    word = _get(client, "meetings:minutes_docx", approved.pk)
    _reader, text = read_pdf(resolution)
    assert "Có mặt 3/3" in text
    # After approval: a member renamed, one transferred out with a back date, two members added, a new format.
    member.full_name = "Phạm Thị Dung Mới"
    member_update(member=member, changes={"full_name": ("Phạm Thị Dung", member.full_name)}, by=secretary.user)
    secretary.full_name = "Nguyễn Văn An Đổi Tên"
    member_update(member=secretary, changes={"full_name": ("x", "y")}, by=secretary.user)
    member_transfer_out(member=committee, on=date(2026, 8, 1), reason="Chuyển công tác", by=secretary.user)
    make_member(cell, username="new1", full_name="Trần Văn Mới")
    make_member(cell, username="new2", full_name="Hoàng Thị Mới")
    profile = format_for(cell)
    profile.margin_left_mm, profile.body_pt, profile.chair_label = 40, 12, "NGƯỜI CHỦ TRÌ"
    profile.save()
    client = client_for(secretary)
    assert _get(client, "meetings:minutes_pdf", approved.pk) == minutes
    assert _get(client, "meetings:resolution_pdf", approved.pk) == resolution
    assert _get(client, "meetings:minutes_docx", approved.pk) == word
    frozen = FrozenDocument.objects.get(cell=cell, kind="minutes", object_id=approved.pk)
    assert frozen.pdf_sha256 == hashlib.sha256(minutes).hexdigest()
    assert frozen.docx_sha256 == hashlib.sha256(word).hexdigest()
    _reader, text = read_pdf(_get(client, "meetings:resolution_pdf", approved.pk))
    assert "Có mặt 3/3" in text and "Mới" not in text and "Đổi Tên" not in text
    # A live render would have changed: the freezing is what keeps it.
    from meetings.pdf import render_resolution_pdf
    from meetings.selectors import with_record

    live = render_resolution_pdf(with_record(type(approved).objects).get(pk=approved.pk))
    assert "Đổi Tên" in read_pdf(live)[1]
    # The page shows the hash of the PDF served.
    page = client.get(reverse("meetings:record", args=[approved.pk])).content.decode()
    assert frozen.pdf_sha256 in page


def test_it_freezes_the_html_at_approval_and_the_files_at_the_approving_request(client_for, cell, secretary, member):
    held = make_recorded_meeting(cell, month=date(2026, 10, 1), by=secretary.user)
    assert FrozenDocument.objects.filter(kind="agenda", object_id=held.pk).exists()  # frozen when held
    assert not FrozenDocument.objects.filter(kind="minutes", object_id=held.pk).exists()
    response = client_for(secretary).post(reverse("meetings:approve", args=[held.pk]), {"confirm": "1"})
    assert response.status_code == 302
    for kind in ("minutes", "resolution"):
        frozen = FrozenDocument.objects.get(kind=kind, object_id=held.pk)
        assert frozen.pdf and len(frozen.pdf_sha256) == 64 and frozen.docx and len(frozen.docx_sha256) == 64
        assert hashlib.sha256(bytes(frozen.pdf)).hexdigest() == frozen.pdf_sha256


def test_an_addendum_keeps_the_original_pages_and_adds_a_dated_page(client_for, secretary, approved):
    client = client_for(secretary)
    original = _get(client, "meetings:minutes_pdf", approved.pk)
    original_reader, _text = read_pdf(original)
    meeting_services.addendum_add(meeting=approved, text="Sửa tên đồng chí phát biểu thứ hai.", by=secretary.user)
    amended = _get(client, "meetings:minutes_pdf", approved.pk)
    reader, text = read_pdf(amended)
    assert len(reader.pages) == len(original_reader.pages) + 1
    for before, after in zip(original_reader.pages, reader.pages, strict=False):
        assert before.extract_text() == after.extract_text()
    last = reader.pages[-1].extract_text()
    assert "ĐÍNH CHÍNH" in last and "Sửa tên đồng chí phát biểu thứ hai." in last
    assert date.today().strftime("%d/%m/%Y") in " ".join(last.split())
    # The original's own pages carry no addendum: it follows, dated, on its page.
    assert "Sửa tên" not in " ".join(page.extract_text() for page in reader.pages[:-1])
    # The .docx: the original paragraphs, then the addendum after a page break.
    word = _docx(_get(client, "meetings:minutes_docx", approved.pk))
    body = [p.text for p in word.paragraphs]
    assert "ĐÍNH CHÍNH" in body and body.index("ĐÍNH CHÍNH") > body.index("BIÊN BẢN")


def test_the_database_refuses_to_change_or_delete_a_frozen_document(client_for, secretary, approved):
    _get(client_for(secretary), "meetings:minutes_pdf", approved.pk)
    frozen = FrozenDocument.objects.get(kind="minutes", object_id=approved.pk)
    for change in (
        {"html": "<p>autre</p>"},
        {"pdf": b"%PDF-other"},
        {"pdf_sha256": "0" * 64},
        {"docx": b"PK"},
        {"object_id": approved.pk + 1},
    ):
        with pytest.raises(IntegrityError, match="chibo: an approved document cannot be changed"):
            with transaction.atomic():
                FrozenDocument.objects.filter(pk=frozen.pk).update(**change)
    with pytest.raises(IntegrityError), transaction.atomic():
        FrozenDocument.objects.filter(pk=frozen.pk).delete()
    assert bytes(FrozenDocument.objects.get(pk=frozen.pk).pdf) == bytes(frozen.pdf)


def test_a_record_approved_before_frozen_copies_is_frozen_at_its_first_download(client_for, secretary, approved):
    from core import frozen

    with frozen.skipping("documents.FrozenDocument:frozen_document"):  # as if approved before this feature
        FrozenDocument.objects.filter(object_id=approved.pk).delete()
    client = client_for(secretary)
    first = _get(client, "meetings:minutes_docx", approved.pk)
    assert FrozenDocument.objects.filter(kind="minutes", object_id=approved.pk).exists()
    assert _get(client, "meetings:minutes_docx", approved.pk) == first


def _check_layout(document, profile):
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.left_margin.mm) == profile.margin_left_mm
    assert round(section.right_margin.mm) == profile.margin_right_mm
    assert round(section.top_margin.mm) == profile.margin_top_mm
    assert round(section.bottom_margin.mm) == profile.margin_bottom_mm
    normal = document.styles["Normal"].font
    assert normal.name == "Times New Roman" and normal.size == Pt(profile.body_pt)
    header = document.tables[0]
    assert len(header.columns) == 2
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in header.cell(0, 1).text and "ngày" in header.cell(0, 1).text
    assert "Số" in header.cell(0, 0).text
    borders = header._tbl.xpath(".//w:tblBorders")  # the header is borderless
    assert not borders and header.style.name != "Table Grid"


DOCUMENTS = [
    ("meetings:agenda_docx", "meetings:agenda_pdf", "approved", ["CHƯƠNG TRÌNH", "Thời gian:"]),
    ("meetings:minutes_docx", "meetings:minutes_pdf", "approved", ["BIÊN BẢN", "THƯ KÝ", "CHỦ TRÌ"]),
    ("meetings:resolution_docx", "meetings:resolution_pdf", "approved", ["NGHỊ QUYẾT", "Nơi nhận:", "T/M CHI BỘ"]),
    ("supervision:plan_docx", "supervision:plan_pdf", "plan", ["KẾ HOẠCH", "T/M CHI ỦY"]),
    ("supervision:report_docx", "supervision:report_pdf", "plan", ["BÁO CÁO", "T/M CHI ỦY"]),
    ("evaluations:classification_docx", "evaluations:classification_pdf", "year", ["BÁO CÁO", "Họ và tên"]),
]


@pytest.mark.parametrize(("docx_name", "pdf_name", "target", "expected"), DOCUMENTS)
def test_each_document_downloads_as_a_docx_laid_out_like_its_pdf(
    client_for, cell, secretary, committee, member, approved, docx_name, pdf_name, target, expected
):
    args = {"approved": [approved.pk], "year": [2026]}.get(target)
    if target == "plan":
        args = [make_supervision(cell, secretary, committee, member)["plan"].pk]
    client = client_for(secretary)
    response = client.get(reverse(docx_name, args=args))
    assert response.status_code == 200 and response["Content-Type"] == DOCX
    assert response["Content-Disposition"].endswith('.docx"')
    document = _docx(response.content)
    _check_layout(document, format_for(cell))
    lines = _docx_lines(document)
    _reader, pdf_text = read_pdf(_get(client, pdf_name, *args))
    for key in [*expected, "ĐẢNG CỘNG SẢN VIỆT NAM", "Nơi nhận:" if "minutes" not in docx_name else "BIÊN BẢN"]:
        assert key in lines and key in pdf_text, key
    # The same text: every PDF word in the .docx, in the same order of the main lines.
    joined = "".join(lines.split())  # a PDF line may break inside "01/10–31/12/2026"
    # The page number of page 2 is the only extra word; on a draft it reads glued to the DỰ THẢO mark.
    assert {word for word in pdf_text.split() if word not in joined} <= {"2", "THẢO2"}
    signature = document.tables[-1]
    assert len(signature.columns) == 2 and signature.style.name != "Table Grid"


def test_a_drafts_docx_is_marked_draft_for_the_committee_and_hidden_from_members(
    client_for, cell, secretary, committee, member
):
    held = make_recorded_meeting(cell, month=date(2026, 10, 1), by=secretary.user)
    document = _docx(_get(client_for(secretary), "meetings:minutes_docx", held.pk))
    assert document.paragraphs[0].text == "DỰ THẢO"
    assert client_for(member).get(reverse("meetings:minutes_docx", args=[held.pk])).status_code == 404
    assert not FrozenDocument.objects.filter(kind="minutes", object_id=held.pk).exists()


def test_a_member_downloads_an_extract_of_the_plan_not_the_frozen_whole(client_for, cell, secretary, committee, member):
    plan = make_supervision(cell, secretary, committee, member)["plan"]
    frozen = FrozenDocument.objects.get(kind="plan", object_id=plan.pk)
    whole = _docx_lines(_docx(_get(client_for(secretary), "supervision:plan_docx", plan.pk)))
    extract = _docx_lines(_docx(_get(client_for(member), "supervision:plan_docx", plan.pk)))
    assert "Nguyễn Văn An" in whole and "Phạm Thị Dung" in whole
    assert "Phạm Thị Dung" in extract and frozen.html.count("<tr>") > 1


def test_the_classification_report_freezes_once_every_member_is_decided(client_for, cell, secretary, committee, member):
    levels = evaluation_services.rating_levels(cell)
    people = list(Member.objects.filter(cell=cell))
    decide = {"cell": cell, "year": 2026, "level": levels[0], "reason": "", "points": 90, "by": secretary}
    for person in people[:-1]:
        evaluation_services.classification_confirm(member=person, proposed=levels[0].label, **decide)
    assert not evaluation_services.classification_freeze(cell=cell, year=2026)
    evaluation_services.classification_confirm(member=people[-1], proposed=levels[0].label, **decide)
    assert evaluation_services.classification_freeze(cell=cell, year=2026)
    client = client_for(secretary)
    before = _get(client, "evaluations:classification_pdf", 2026)
    make_member(cell, username="late", full_name="Vũ Văn Đến Sau")
    assert _get(client, "evaluations:classification_pdf", 2026) == before
    assert "Đến Sau" not in read_pdf(before)[1]
