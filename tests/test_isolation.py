"""Cells are sealed from each other by content, not only by status codes.

The other cell gets a full month of its own (members, a unit, meetings held, recorded and approved,
a thematic meeting, tasks, a monthly review, commendations and violations, supervision plans with
findings, guiding documents) under names that appear nowhere in this cell. Every page, PDF, Excel
file and calendar feed of the permission matrix that this cell's people open is searched for those
names, and every one the other cell's people open is searched for this cell's names.
"""

import io
import re
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from assignments.services import calendar_token_reset, completion_levels
from evaluations.services import rating_levels, review_open, work_grades
from meetings.models import Meeting, Speech
from meetings.services import scoring_sheet
from members.models import Member
from supervision import services as supervision_services
from tests.factories import (
    make_commendation,
    make_document,
    make_meeting,
    make_member,
    make_recorded_meeting,
    make_supervision,
    make_task,
    make_unit,
    make_violation,
)
from tests.pdfs import read_pdf
from tests.test_permissions import MATRIX

# Names of this cell (tests/conftest.py) and of the other cell (below): each appears only in its cell.
OURS = ["Nguyễn Văn An", "Lê Văn Cường", "Phạm Thị Dung", "Kiểm sát điều tra", "Xây dựng Đảng Sông Lô"]
THEIRS = ["Đỗ Văn Khánh", "Khổng Thị Xuyến", "Tôn Thất Mường", "Mường Thanh"]
OPENED = {"secretary": 70, "committee": 45, "member": 20}  # pages each persona opens: the search covers them


@pytest.fixture
def other_world(other_cell, outsider, cell):
    """The other cell as the permission matrix's ``world`` is for this one, with its own names."""
    ours, (cell, secretary) = cell, (other_cell, outsider)
    unit = make_unit(cell, name="Phòng Thi hành án Mường Thanh")
    Member.objects.filter(pk=secretary.pk).update(unit=unit)
    committee = make_member(cell, username="xuyen", full_name="Khổng Thị Xuyến", role=Member.Role.COMMITTEE, unit=unit)
    member = make_member(cell, username="muong", full_name="Tôn Thất Mường", unit=unit)
    meeting = make_meeting(cell, month=date(2026, 12, 1))
    published = make_meeting(cell, month=date(2026, 11, 1))
    from meetings.services import meeting_publish

    meeting_publish(meeting=published, by=secretary.user)
    held = make_recorded_meeting(cell, month=date(2026, 10, 1), by=secretary.user, speakers=[committee, member])
    approved = make_recorded_meeting(cell, month=date(2026, 9, 1), by=secretary.user, approve=True)
    _thematic(cell, "Mường Thanh")
    task = make_task(cell, member, title="Rà soát hồ sơ đảng viên Mường Thanh", by=secretary)
    committee_task = make_task(cell, committee, title="Kiểm tra sổ sách Mường Thanh", by=secretary)
    review = review_open(cell=cell, month=date(2026, 11, 1), by=committee)
    supervision = make_supervision(cell, secretary, committee, member)
    supervision_services.findings_save(
        item=supervision["sup_item"],
        values={"strengths": "Gương mẫu ở Mường Thanh", "recommendations": "Phát huy ở Mường Thanh"},
        by=committee,
        create_violation=False,
    )
    return {
        "other_cell": ours,  # for it, ours is the other cell
        "secretary": secretary,
        "committee": committee,
        "member": member,
        "unit": unit,
        "meeting": meeting,
        "item": meeting.items.first(),
        "published": published,
        "document": make_document(cell, number="77-CT/MT", title="Chỉ thị về công tác Mường Thanh"),
        "step": cell.standard_agenda.first(),
        "held": held,
        "held_item": held.items.first(),
        "speech": Speech.objects.filter(item__meeting=held).first(),
        "approved": approved,
        "criterion": scoring_sheet(cell)[0],
        "task": task,
        "committee_task": committee_task,
        "level": completion_levels(cell)[0],
        "feed": calendar_token_reset(member=member),
        "grade": work_grades(cell)[0],
        "rating": rating_levels(cell)[0],
        "review": review,
        "commendation": make_commendation(member, reason="Thành tích công tác ở Mường Thanh"),
        "violation": make_violation(member, description="Chậm nộp báo cáo Mường Thanh"),
        **supervision,
    }


def _thematic(cell, topic):
    """A thematic meeting this month (the meetings list shows the current year) with a telling topic."""
    today = timezone.localdate()
    return Meeting.objects.create(
        cell=cell,
        kind=Meeting.Kind.THEMATIC,
        topic=f"Chuyên đề {topic}",
        month=today.replace(day=1),
        date=today,
        status=Meeting.Status.PUBLISHED,
    )


def content_of(response) -> str:
    """What a person reads in an answer: the page's text, the PDF's, the workbook's cells, the feed."""
    kind = response.get("Content-Type", "")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if kind.startswith("application/pdf"):
        text = read_pdf(body)[1]
    elif "spreadsheetml" in kind:
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(body))
        text = " ".join(str(c) for sheet in book for row in sheet.iter_rows(values_only=True) for c in row if c)
    elif "wordprocessingml" in kind:
        import docx

        document = docx.Document(io.BytesIO(body))
        cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        text = " ".join([p.text for p in document.paragraphs] + cells)
    elif kind.startswith("text/calendar"):
        text = body.decode().replace("\r\n ", "").replace("\\,", ",")
    else:
        text = body.decode()
    return re.sub(r"\s+", " ", text)


def urls(world):
    for name, args, method, _data, _expected in MATRIX:
        if method == "get":
            yield name, reverse(name, args=args(world) if args else None)
    yield "meetings:list", reverse("meetings:list") + "?year=2026"
    yield "meetings:participation", reverse("meetings:participation") + "?start=01/01/2026&end=31/12/2026"


def leaks(client, world, names) -> tuple[list[tuple[str, str]], int]:
    found, opened = [], 0
    for name, url in urls(world):
        response = client.get(url)
        if response.status_code != 200:
            continue
        opened += 1
        text = content_of(response)
        found += [(name, marker) for marker in names if marker in text]
    return found, opened


def test_this_cells_people_never_read_the_other_cells_names(world, other_world, client_for, cell):
    _thematic(cell, "Xây dựng Đảng Sông Lô")
    for person in ("secretary", "committee", "member"):
        found, opened = leaks(client_for(world[person]), world, THEIRS)
        assert not found, person
        assert opened >= OPENED[person], (person, opened)


def test_the_other_cells_people_never_read_this_cells_names(world, other_world, client_for, cell):
    _thematic(cell, "Xây dựng Đảng Sông Lô")
    for person in ("secretary", "committee", "member"):
        found, opened = leaks(client_for(other_world[person]), other_world, OURS)
        assert not found, person
        assert opened >= OPENED[person], (person, opened)


def test_the_names_are_where_they_belong(world, other_world, client_for, cell):
    """The check above is worth something only if each cell's names show on its own pages."""
    _thematic(cell, "Xây dựng Đảng Sông Lô")
    ours = content_of(client_for(world["secretary"]).get(reverse("members:list")))
    theirs = content_of(client_for(other_world["secretary"]).get(reverse("members:list")))
    assert all(name in ours for name in OURS[:3]) and all(name in theirs for name in THEIRS[:3])
    meetings = content_of(client_for(other_world["secretary"]).get(reverse("meetings:list")))
    assert "Chuyên đề Mường Thanh" in meetings
    feed = content_of(Client().get(reverse("assignments:feed", args=[other_world["feed"].token])))
    assert "Mường Thanh" in feed
