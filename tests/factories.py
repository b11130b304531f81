"""Plain factories for tests: make_*() functions with sensible defaults."""

import itertools
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from members.models import Cell, CommitteeOfficer, Member, Organisation, Unit

_seq = itertools.count(1)


def make_cell(**overrides) -> Cell:
    n = next(_seq)
    values = {
        "name": f"Chi bộ {n}",
        "document_code": "CB",
        "superior_name": "Đảng bộ Viện kiểm sát nhân dân tỉnh Tuyên Quang",
        "place_name": "Tuyên Quang",
        "term_label": "2025–2027",
        "term_start": date(2025, 6, 20),
    }
    return Cell.objects.create(**{**values, **overrides})


def make_organisation(*cells: Cell, **overrides) -> Organisation:
    """A đảng bộ above ``cells`` (they join it through the service, so their headers name it)."""
    from members.services import cell_join_organisation

    values = {
        "name": "Đảng bộ Viện kiểm sát nhân dân tỉnh Tuyên Quang",
        "committee_name": "Đảng ủy Viện kiểm sát nhân dân tỉnh Tuyên Quang",
        "superior_name": "Đảng bộ Khối các cơ quan tỉnh Tuyên Quang",
        "place_name": "Tuyên Quang",
    }
    organisation = Organisation.objects.create(**{**values, **overrides})
    for cell in cells:
        cell_join_organisation(cell=cell, organisation=organisation)
    return organisation


def make_officer(organisation: Organisation, *, username: str | None = None, **overrides) -> CommitteeOfficer:
    user = get_user_model().objects.create_user(username=username or f"officer{next(_seq)}", password=None)
    values = {"full_name": "Lý Văn Sơn", "post": "Phó Bí thư"}
    return CommitteeOfficer.objects.create(user=user, organisation=organisation, **{**values, **overrides})


def make_unit(cell: Cell, **overrides) -> Unit:
    return Unit.objects.create(cell=cell, **{"name": f"Phòng {next(_seq)}", **overrides})


def make_member(cell: Cell, *, username: str | None = None, **overrides) -> Member:
    n = next(_seq)
    user = get_user_model().objects.create_user(username=username or f"user{n}", password=None)
    values = {
        "full_name": f"Đảng viên {n}",
        "gender": Member.Gender.MALE,
        "date_of_birth": date(1985, 1, 1),
        "admission_date": date(2010, 5, 19),
        "official_date": date(2011, 5, 19),
        "education_level": Member.Education.BACHELOR,
        "qualification": "Cử nhân Luật",
        "theory_level": Member.Theory.INTERMEDIATE,
        "role": Member.Role.MEMBER,
    }
    return Member.objects.create(cell=cell, user=user, **{**values, **overrides})


def make_meeting(cell: Cell, *, month=None, by=None, **overrides):
    """A regular meeting prepared with the standard agenda (the real service)."""
    from meetings.services import meeting_prepare

    meeting = meeting_prepare(cell=cell, month=month or date(2026, 12, 1), by=by)
    for name, value in overrides.items():
        setattr(meeting, name, value)
    if overrides:
        meeting.save()
    return meeting


def make_document(cell: Cell, **overrides):
    from meetings.models import GuidingDocument

    values = {
        "number": f"{1000 + next(_seq)}-CT/TW",  # above the fixed numbers tests give (50-CT/TW, 02-CT/TW)
        "issued_on": date(2025, 7, 21),
        "issuer": "Ban Chấp hành Trung ương",
        "title": "Chỉ thị về nâng cao chất lượng sinh hoạt chi bộ",
    }
    return GuidingDocument.objects.create(cell=cell, **{**values, **overrides})


def make_recorded_meeting(cell: Cell, *, month, by, approve: bool = False, absent=(), speakers=None):
    """A regular meeting held and recorded through the real services: everyone present but ``absent``
    (excused), one speech per speaker on the first content item, a resolution passed by all present
    voters, the minutes drafted; approved (and locked) when ``approve``."""
    from datetime import time

    from meetings import services
    from meetings.minutes import compose_minutes
    from meetings.selectors import attendance_sheet, record_of, with_record

    meeting = make_meeting(cell, month=month, by=by)
    services.meeting_publish(meeting=meeting, by=by)
    services.meeting_hold(meeting=meeting, by=by)
    members = list(Member.objects.filter(cell=cell).active(meeting.date))
    marks = {m: ("excused", "Đi công tác") if m in absent else ("present", "") for m in members}
    details = {"opened_at": time(14, 0), "closed_at": time(16, 5), "guests": "", "dues_status": "Đã nộp đủ."}
    services.attendance_save(meeting=meeting, marks=marks, details=details, by=by)
    item = meeting.items.filter(section=2).first()
    for member in speakers if speakers is not None else members[:1]:
        services.speech_add(meeting=meeting, item=item, member=member, summary="Nhất trí với báo cáo.", by=by)
    sheet = attendance_sheet(meeting)
    voters = sum(1 for row in sheet.rows if row.counted and row.present)
    services.resolution_save(
        meeting=meeting,
        fields={"assessment": "Hoàn thành tốt nhiệm vụ.", "votes_for": voters, "votes_against": 0, "votes_abstain": 0},
        scores=[{"label": "Bảo đảm thời gian sinh hoạt", "max": 5, "points": 5}],
        tasks=[(None, "Hoàn thành báo cáo quý", members[0], month.replace(day=28), False)],
        reviews=[],
        base=sheet.base,
        by=by,
    )
    shaped = with_record(type(meeting).objects.filter(pk=meeting.pk)).get()
    text = compose_minutes(shaped, record_of(shaped), attendance_sheet(shaped))
    services.minutes_save(meeting=meeting, minutes_text=text, conclusion="Chi bộ thống nhất.", by=by)
    if approve:
        services.minutes_approve(meeting=meeting, by=by)
    meeting.refresh_from_db()
    return meeting


def make_task(cell: Cell, assignee, *, by=None, **fields):
    """A task assigned through the service (by the cell's secretary unless ``by`` is given)."""
    from assignments.models import Task
    from assignments.services import completion_levels, task_assign

    today = timezone.localdate()
    levels = completion_levels(cell)
    defaults = {
        "title": "Hoàn thành báo cáo chuyên đề",
        "source": Task.Source.RESOLUTION,
        "assigned_on": today - timedelta(days=10),
        "due_date": today + timedelta(days=10),
        "expected_level": levels[2],
    }
    by = by or Member.objects.filter(cell=cell, role__in=Member.COMMITTEE_ROLES).first() or assignee
    return task_assign(cell=cell, by=by, assignees=[assignee], fields={**defaults, **fields})[0]


def make_commendation(member, **fields):
    from evaluations.models import Commendation

    defaults = {"form": "Giấy khen", "decided_on": date(2026, 5, 4), "issuer": "Viện trưởng", "reason": "Quý I"}
    return Commendation.objects.create(cell=member.cell, member=member, **{**defaults, **fields})


def make_violation(member, **fields):
    from evaluations.models import Violation

    defaults = {
        "description": "Chậm hoàn thiện hồ sơ",
        "found_on": date(2026, 6, 1),
        "found_by": "Chi ủy",
        "handling": Violation.Handling.REMINDER,
        "handled_on": date(2026, 6, 5),
    }
    return Violation.objects.create(cell=member.cell, member=member, **{**defaults, **fields})


def make_supervision(cell, secretary, committee, member) -> dict:
    """An approved plan (quarter 4/2026) in which the committee member supervises the ordinary member,
    a draft plan for the next quarter, and a candidate of the committee-source pool."""
    from supervision import services

    plan = services.plan_propose(cell=cell, year=2026, quarter=4, by=secretary)
    item = plan.items.get(member=member)
    item.supervisor = committee
    item.save()
    services.plan_approve(plan=plan, by=secretary)
    draft = services.plan_propose(cell=cell, year=2027, quarter=1, by=secretary)
    candidate = services.candidate_add(cell=cell, member=member, reason="Có uy tín", evidence="", by=secretary)
    return {"plan": plan, "sup_item": item, "draft_plan": draft, "candidate": candidate}
