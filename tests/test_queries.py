"""Every page's query count is pinned and does not grow with the number of rows.

Each page has a ``grow`` function that adds n rows of what the page shows; the count is
measured with 1 row and with 30 and must equal the pinned number both times.
"""

from datetime import date, timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core import frozen
from meetings.models import (
    AgendaItem,
    Attendance,
    Meeting,
    ResolutionTask,
    ScoringCriterion,
    Speech,
    StandardAgendaItem,
)
from members.models import AuditEntry
from tests.factories import make_document, make_member


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _history(instance, actor, n):
    content_type = ContentType.objects.get_for_model(instance)
    AuditEntry.objects.bulk_create(
        AuditEntry(
            cell=actor.cell,
            actor=actor.user,
            action="update",
            content_type=content_type,
            object_id=instance.pk,
            object_repr=str(instance),
            changes={"place": [str(i), str(i + 1)]},
        )
        for i in range(n)
    )


def grow_members(w, n):
    for _ in range(n):
        make_member(w["cell"], unit=w["unit"])
    _history(w["member"], w["secretary"], n)


def grow_meetings(w, n):
    Meeting.objects.bulk_create(
        Meeting(
            cell=w["cell"],
            kind=Meeting.Kind.THEMATIC,
            topic=f"Chuyên đề {i}",
            month=date(2026, 1 + i % 12, 1),
            date=date(2026, 1 + i % 12, 20),
            status=Meeting.Status.PUBLISHED,
        )
        for i in range(n)
    )


def grow_agenda(w, n):
    meeting = w["published"]
    docs = [make_document(w["cell"]) for _ in range(3)]
    people = [make_member(w["cell"], unit=w["unit"]) for _ in range(3)]
    for i in range(n):
        item = AgendaItem.objects.create(
            meeting=meeting,
            section=2,
            position=100 + i,
            title=f"Nội dung {i}",
            category="party",
            presenter=people[i % 3],
            planned_minutes=5,
        )
        item.documents.set(docs)
    _history(meeting, w["secretary"], n)


def grow_documents(w, n):
    for _ in range(n):
        make_document(w["cell"])


def grow_search(w, n):
    """n records found by the query: guiding documents on party dues (indexed when saved)."""
    for _ in range(n):
        make_document(w["cell"], title="Quy định về chế độ đảng phí", summary="Thu, nộp đảng phí hằng tháng.")


def grow_standard(w, n):
    StandardAgendaItem.objects.bulk_create(
        StandardAgendaItem(
            cell=w["cell"], section=2, position=100 + i, title=f"Bước {i}", category="party", default_minutes=5
        )
        for i in range(n)
    )


def grow_scoring(w, n):
    ScoringCriterion.objects.bulk_create(
        ScoringCriterion(cell=w["cell"], position=100 + i, label=f"Tiêu chí {i}", max_points=1) for i in range(n)
    )


def grow_tasks(w, n):
    """n more tasks of the secretary and n of new members, some closed and assessed; n reports on the task."""
    from assignments.models import ProgressReport, Task, TaskExtension
    from assignments.services import completion_levels

    today = date.today()
    levels = completion_levels(w["cell"])
    people = [make_member(w["cell"], unit=w["unit"]) for _ in range(min(n, 5))]
    states = [Task.State.OPEN, Task.State.DONE, Task.State.NOT_DONE]
    Task.objects.bulk_create(
        Task(
            cell=w["cell"],
            title=f"Nhiệm vụ {i}",
            assignee=w["secretary"] if i % 2 else people[i % len(people)],
            assigned_by=w["secretary"],
            assigned_on=today,
            due_date=today + timedelta(days=i % 20),
            expected_level=levels[1],
            state=states[i % 3],
            done_on=today if i % 3 == 1 else None,
            assessed_level=levels[i % 4] if i % 3 else None,
            assessed_by=w["committee"] if i % 3 else None,
        )
        for i in range(2 * n)
    )
    task = w["task"]
    ProgressReport.objects.bulk_create(
        ProgressReport(task=task, reported_on=today, percent=i % 100, by=task.assignee) for i in range(n)
    )
    TaskExtension.objects.bulk_create(
        TaskExtension(task=task, previous_due=today, new_due=today, reason="Lý do", by=w["secretary"]) for i in range(n)
    )
    Task.objects.filter(pk__in=[t.pk for t in Task.objects.filter(title__startswith="Nhiệm vụ")[:n]]).update(
        group=task.group
    )
    _history(task, w["secretary"], n)


def grow_feed(w, n):
    """n more tasks of the member whose calendar it is, and n more published meetings of the cell."""
    from tests.factories import make_task

    for i in range(n):
        make_task(w["cell"], w["member"], title=f"Nhiệm vụ {i}")
    Meeting.objects.bulk_create(
        Meeting(cell=w["cell"], month=date(2020 + i // 12, i % 12 + 1, 1), date=date.today(), status="published")
        for i in range(n)
    )


def grow_evaluations(w, n):
    """n more members on the review sheet, each with a commendation, a violation, an announcement and a task;
    n more of each on the ordinary member's own record."""
    from evaluations.models import Announcement, Commendation, ReviewRow, Violation
    from tests.factories import make_task

    people = [make_member(w["cell"], unit=w["unit"]) for _ in range(n)]
    ReviewRow.objects.bulk_create(ReviewRow(review=w["review"], member=p) for p in people)
    for person in [*people, *[w["member"]] * n]:
        Commendation.objects.create(
            cell=w["cell"], member=person, form="Giấy khen", decided_on=date(2026, 3, 1), issuer="Viện trưởng"
        )
        Violation.objects.create(
            cell=w["cell"], member=person, description="Chậm", found_on=date(2026, 4, 1), found_by="Chi ủy"
        )
        Announcement.objects.get_or_create(
            meeting=w["held"], member=person, kind="praise", defaults={"text": "Biểu dương"}
        )
    for person in people:
        make_task(w["cell"], person, due_date=date(2026, 10, 20), assigned_on=date(2026, 10, 1))  # reviewed in 11
    _history(w["commendation"], w["secretary"], n)
    _history(w["violation"], w["secretary"], n)


def grow_supervision(w, n):
    """n more members, each supervised in the approved and the draft plan, in the pool, with findings."""
    from supervision.models import Candidate, SupervisionPlan

    people = [make_member(w["cell"], unit=w["unit"]) for _ in range(n)]
    # A plan approved with these members in it: the database refuses to add any after the approval.
    with frozen.skipping("supervision.SupervisionItem:frozen_plan_item"):
        _supervise(w, people)
    Candidate.objects.bulk_create(
        Candidate(cell=w["cell"], member=p, reason="Uy tín", added_by=w["secretary"]) for p in people
    )
    SupervisionPlan.objects.bulk_create(
        SupervisionPlan(cell=w["cell"], year=1990 + i, quarter=1, status="reported") for i in range(n)
    )
    _history(w["plan"], w["secretary"], n)
    _history(w["sup_item"], w["secretary"], n)


def _supervise(w, people):
    from supervision.models import SupervisionItem

    for plan in (w["plan"], w["draft_plan"]):
        start, end = plan.bounds
        SupervisionItem.objects.bulk_create(
            SupervisionItem(
                plan=plan,
                member=p,
                content="Nội dung",
                supervisor=w["committee"],
                period_start=start,
                period_end=end,
                report_due=end,
                strengths="Tốt",
                findings_on=start,
            )
            for p in people
        )


def grow_levels(w, n):
    from assignments.models import CompletionLevel

    CompletionLevel.objects.bulk_create(
        CompletionLevel(cell=w["cell"], position=100 + i, label=f"Mức {i}") for i in range(n)
    )


def grow_record(w, n):
    """n more members present at the held meeting, each with a speech and a task of the resolution."""
    meeting = w["held"]
    item = meeting.items.filter(section=2).first()
    record = meeting.record
    for i in range(n):
        person = make_member(w["cell"], unit=w["unit"])
        Attendance.objects.create(meeting=meeting, member=person, status="present")
        Speech.objects.create(item=item, member=person, summary=f"Ý kiến {i}")
        ResolutionTask.objects.create(record=record, content=f"Nhiệm vụ {i}", owner=person)
    _history(meeting, w["secretary"], n)


def grow_revisions(w, n):
    """n earlier versions of the held meeting's minutes."""
    from meetings.models import MinutesRevision

    MinutesRevision.objects.bulk_create(
        MinutesRevision(record=w["held"].record, minutes_text=f"Bản {i}", created_by=w["secretary"].user)
        for i in range(n)
    )


def grow_draft_agenda(w, n):
    """n more items on the draft agenda, each with guiding documents."""
    docs = [make_document(w["cell"], number=f"{i}-KH/CB") for i in range(3)]
    for i in range(n):
        item = AgendaItem.objects.create(
            meeting=w["meeting"],
            section=2,
            position=100 + i,
            title=f"Nội dung {i}",
            category="party",
            planned_minutes=5,
        )
        item.documents.set(docs)
    _history(w["meeting"], w["secretary"], n)


def grow_devices(w, n):
    """n more members of the committee, each with an authenticator app and recovery codes."""
    from members.services import authenticator_confirm, authenticator_pending

    for _ in range(n):
        person = make_member(w["cell"], unit=w["unit"], role="committee")
        authenticator_confirm(device=authenticator_pending(user=person.user))


def DUES_PAYMENT(w):  # noqa: N802  the ordinary member's payment for 10/2026 (made when missing)
    from tests.test_permissions import DUES_PAYMENT as payment

    return payment(w)


def grow_dues(w, n):
    """n more members, each with a declared salary, a payment for 10/2026 collected in cash and its audit rows;
    a remittance for 09/2026."""
    from dues.models import DuesBasis, DuesPayment, DuesRemittance

    people = [make_member(w["cell"], unit=w["unit"]) for _ in range(n)] + [w["member"]]
    DuesBasis.objects.bulk_create(
        DuesBasis(member=person, valid_from=date(2026, 1, 1), kind="salary", declared_amount=9_000_000)
        for person in people
    )
    payments = DuesPayment.objects.bulk_create(
        DuesPayment(
            cell=w["cell"],
            member=person,
            first_month=date(2026, 10, 1),
            last_month=date(2026, 10 + i % 2, 1),
            amount=90_000,
            paid_on=date(2026, 10, 5),
            method="cash",
            collected_by=w["secretary"],
        )
        for i, person in enumerate(people)
    )
    from django.contrib.contenttypes.models import ContentType

    from members.models import AuditEntry

    AuditEntry.objects.bulk_create(  # the ledger's history the year page lists
        AuditEntry(
            cell=w["cell"],
            actor=w["secretary"].user,
            action="create",
            content_type=ContentType.objects.get_for_model(DuesPayment),
            object_id=payment.pk,
            object_repr=str(payment),
            changes={"amount": [None, 90_000], "months": [None, payment.months_label]},
        )
        for payment in payments
    )
    DuesRemittance.objects.get_or_create(
        cell=w["cell"],
        month=date(2026, 9, 1),
        defaults={"amount": 90_000, "receipt_number": "1/PT", "remitted_on": date(2026, 10, 10)},
    )


MEETING = lambda w: [w["meeting"].pk]  # noqa: E731
HELD = lambda w: [w["held"].pk]  # noqa: E731

# page → (pinned queries, args, grow). The first three queries of every page are the
# session, the user and the acting member.
PINNED = {
    "members:list": (5, None, grow_members),  # + who has no email address (the secretary’s note)
    "members:detail": (4, lambda w: [w["member"].pk], grow_members),
    "members:create": (3, None, grow_members),
    "members:edit": (4, lambda w: [w["member"].pk], grow_members),
    "members:cell": (3, None, grow_members),
    "members:my_settings": (3, None, grow_members),  # + the kinds of mail turned off
    "members:transfer": (3, lambda w: [w["member"].pk], grow_members),
    "members:password_reset": (3, lambda w: [w["member"].pk], grow_members),
    "members:unit_edit": (4, lambda w: [w["unit"].pk], grow_members),
    "members:import": (2, None, grow_members),
    "members:template_xlsx": (3, None, grow_members),  # + the cell's units, for the lists
    "members:export_xlsx": (4, None, grow_members),  # + the members with their logins
    "meetings:list": (3, None, grow_meetings),
    "meetings:create": (4, None, grow_members),
    "meetings:detail": (8, lambda w: [w["published"].pk], grow_agenda),  # + due tasks, + proposals
    "meetings:edit": (8, MEETING, grow_members),
    "meetings:item_edit": (9, lambda w: [w["meeting"].pk, w["item"].pk], grow_documents),
    "meetings:item_add": (7, MEETING, grow_documents),
    "meetings:agenda_pdf": (7, lambda w: [w["published"].pk], grow_agenda),
    "meetings:agenda_docx": (7, lambda w: [w["published"].pk], grow_agenda),
    "meetings:documents": (3, None, grow_documents),
    "meetings:document_create": (2, None, grow_documents),
    "meetings:document_edit": (3, lambda w: [w["document"].pk], grow_documents),
    "meetings:standard": (3, None, grow_standard),
    "meetings:record": (
        11,
        HELD,
        grow_record,
    ),  # the record without its tasks, reviews and guiding documents (unused there)
    "meetings:attendance": (15, HELD, grow_record),  # + the month's dues from the ledger (3)
    "meetings:item_record": (8, lambda w: [w["held"].pk, w["held_item"].pk], grow_record),
    "meetings:resolution": (16, HELD, grow_record),
    "meetings:minutes": (11, HELD, grow_record),
    "meetings:minutes_pdf": (13, HELD, grow_record),
    "meetings:resolution_pdf": (19, HELD, grow_record),  # + the month's dues (3)
    "meetings:minutes_docx": (13, HELD, grow_record),
    "meetings:resolution_docx": (19, HELD, grow_record),  # + the month's dues (3)
    "meetings:participation": (6, None, grow_record),
    "meetings:standard_edit": (3, lambda w: [w["step"].pk], grow_standard),
    "meetings:format": (4, None, grow_documents),  # the profile exists: the held meetings froze their programme
    "meetings:scoring": (3, None, grow_scoring),
    "meetings:levels": (3, None, grow_levels),
    "meetings:levels_edit": (3, lambda w: [w["level"].pk], grow_levels),
    "assignments:mine": (5, None, grow_tasks),
    "supervision:plans": (4, None, grow_supervision),
    "supervision:plan": (8, lambda w: [w["plan"].pk], grow_supervision),  # + the frozen copies' hashes
    "supervision:plan_edit": (7, lambda w: [w["draft_plan"].pk], grow_supervision),
    "supervision:plan_pdf": (11, lambda w: [w["plan"].pk], grow_supervision),
    "supervision:report_pdf": (6, lambda w: [w["plan"].pk], grow_supervision),
    "supervision:plan_docx": (11, lambda w: [w["plan"].pk], grow_supervision),
    "supervision:report_docx": (6, lambda w: [w["plan"].pk], grow_supervision),
    "supervision:findings": (5, lambda w: [w["sup_item"].pk], grow_supervision),  # + the logged view
    "supervision:coverage": (4, lambda w: [2026], grow_supervision),
    "supervision:pool": (10, None, grow_supervision),
    "evaluations:reviews": (3, None, grow_evaluations),
    "evaluations:review": (9, lambda w: [2026, 11], grow_evaluations),  # + the meetings it goes to
    "evaluations:member": (8, lambda w: [w["member"].pk], grow_evaluations),  # + the logged view (Law 91)
    "evaluations:commendation_add": (3, lambda w: [w["member"].pk], grow_evaluations),
    "evaluations:commendation_edit": (4, lambda w: [w["commendation"].pk], grow_evaluations),
    "evaluations:violation_add": (3, lambda w: [w["member"].pk], grow_evaluations),
    "evaluations:violation_edit": (4, lambda w: [w["violation"].pk], grow_evaluations),
    "evaluations:announce": (7, HELD, grow_evaluations),
    "evaluations:regularity": (6, None, grow_evaluations),
    "evaluations:classification": (12, lambda w: [2026], grow_evaluations),  # + the frozen copy's hash
    "evaluations:classification_pdf": (15, lambda w: [2026], grow_evaluations),
    "evaluations:classification_docx": (15, lambda w: [2026], grow_evaluations),
    "meetings:grades": (3, None, grow_evaluations),
    "meetings:grades_edit": (3, lambda w: [w["grade"].pk], grow_evaluations),
    "meetings:ratings": (3, None, grow_evaluations),
    "meetings:ratings_edit": (3, lambda w: [w["rating"].pk], grow_evaluations),
    "assignments:detail": (8, lambda w: [w["task"].pk], grow_tasks),
    "assignments:edit": (4, lambda w: [w["task"].pk], grow_levels),
    "assignments:create": (4, None, grow_members),
    "assignments:from_meeting": (12, HELD, grow_members),
    "assignments:overview": (7, None, grow_tasks),
    "assignments:calendar": (3, None, grow_tasks),
    "assignments:overview_xlsx": (6, None, grow_tasks),
    "assignments:feed": (3, lambda w: [w["feed"].token], grow_feed),
    "meetings:scoring_edit": (3, lambda w: [w["criterion"].pk], grow_scoring),
    "my_data": (17, None, grow_tasks),  # + the dues declared and paid
    "home": (9, None, grow_tasks),  # the secretary's to-do (+ last month's dues remittance); see tests/test_home.py
    # The live screen and the confirmation pages (what will happen, before it does).
    "meetings:live": (12, HELD, grow_record),
    "meetings:minutes_revisions": (12, HELD, grow_revisions),
    "meetings:publish": (5, MEETING, grow_draft_agenda),
    "meetings:item_delete": (6, lambda w: [w["meeting"].pk, w["item"].pk], grow_draft_agenda),
    "meetings:speech_delete": (8, lambda w: [w["held"].pk, w["speech"].pk], grow_record),
    "meetings:approve": (11, HELD, grow_record),
    "meetings:addendum": (6, lambda w: [w["approved"].pk], grow_members),
    "meetings:minutes_draft": (11, HELD, grow_record),
    "two_factor_setup": (5, None, grow_devices),  # + the key kept until confirmed (made at first), + the app in use
    "search": (5, None, grow_search),  # + the years to filter by, + the count, + the page of results
    # Party dues: members, their declarations, the payments with their collectors, the rates.
    "dues:mine": (6, None, grow_dues),  # + the member's payments of the year
    "dues:month": (10, lambda w: [2026, 10], grow_dues),  # + the remittance, the treasurer, the committee
    "dues:pay": (3, lambda w: [2026, 10], grow_dues),
    "dues:remit": (7, lambda w: [2026, 10], grow_dues),
    "dues:year": (8, lambda w: [2026], grow_dues),  # + the ledger's changes of the year
    "dues:year_xlsx": (7, lambda w: [2026], grow_dues),
    "dues:basis": (5, lambda w: [w["member"].pk], grow_dues),  # + the rates in force
    "dues:payment_delete": (3, lambda w: DUES_PAYMENT(w), grow_dues),
}


# Pages whose default period follows today's date: the fixtures' meetings are in 2026.
QUERIES = {"meetings:participation": "?start=01/01/2026&end=31/12/2026", "search": "?q=dang+phi"}


@pytest.mark.parametrize("rows", [1, 30])
@pytest.mark.parametrize("name", sorted(PINNED))
def test_it_keeps_each_page_at_its_pinned_query_count(name, rows, client_for, world, cell, unit):
    pinned, args, grow = PINNED[name]
    grow({**world, "cell": cell, "unit": unit}, rows)
    url = reverse(name, args=args(world) if args else None) + QUERIES.get(name, "")
    assert _count(client_for(world["secretary"]), url) == pinned, ("pinned", name, pinned)


def test_it_pins_every_page_a_member_can_open():
    from tests.test_permissions import MATRIX

    pages = {name for name, _args, method, _data, expected in MATRIX if method == "get" and 200 in expected.values()}
    auth_pages = {"password_change", "password_change_done", "login"}
    assert pages - auth_pages - set(PINNED) - set(OFFICER_PINNED) == set()


# The superior committee's pages (the đảng ủy's officer, not the secretary): constant for 1 and 30 cells.


def grow_cells(w, n):
    """n more cells in the đảng bộ, each with two members, a regular meeting approved in October 2026 with its
    attendance, agenda time and quality score, a thematic meeting, an overdue task, a supervised member and a
    decided classification; and n more approved thematic meetings in the cell the drill-down opens."""
    from assignments.models import Task
    from evaluations.models import Classification
    from meetings.models import MeetingRecord
    from members.models import Cell
    from supervision.models import SupervisionItem, SupervisionPlan
    from tests.factories import make_cell

    organisation = w["officer"].organisation
    today = date.today()
    cells = [make_cell(organisation=organisation) for _ in range(n)]
    Cell.objects.filter(pk__in=[c.pk for c in cells]).update(superior_name=organisation.name)
    people = {cell.pk: [make_member(cell), make_member(cell)] for cell in cells}
    regular = Meeting.objects.bulk_create(
        Meeting(cell=c, month=date(2026, 10, 1), date=date(2026, 10, 8), status="approved", resolution_posted_on=None)
        for c in cells
    )
    thematic = Meeting.objects.bulk_create(
        Meeting(
            cell=c, kind="thematic", topic="Chuyên đề", month=date(2026, 9, 1), date=date(2026, 9, 20), status="held"
        )
        for c in cells
    )
    MeetingRecord.objects.bulk_create(
        MeetingRecord(
            meeting=m,
            status="approved",
            approved_at=timezone.now(),
            quality_scores=[{"label": "Thời gian", "max": 100, "points": 80}],
        )
        for m in regular
    )
    with frozen.skipping("meetings.Attendance:frozen_attendance", "meetings.AgendaItem:frozen_agenda_item"):
        Attendance.objects.bulk_create(
            Attendance(meeting=m, member=p, status="present" if i else "excused")
            for m in regular
            for i, p in enumerate(people[m.cell_id])
        )
        AgendaItem.objects.bulk_create(
            AgendaItem(meeting=m, section=2, position=i, title="Nội dung", category=cat, planned_minutes=30)
            for m in regular
            for i, cat in enumerate(["professional", "party"])
        )
        Meeting.objects.bulk_create(
            Meeting(cell=w["cell"], kind="thematic", topic=f"Chuyên đề {i}", month=date(2026, 1 + i % 12, 1),
                    date=date(2026, 1 + i % 12, 20), status="approved")
            for i in range(n)
        )  # fmt: skip
    Task.objects.bulk_create(
        Task(
            cell=c,
            title="Nhiệm vụ",
            assignee=people[c.pk][0],
            assigned_by=people[c.pk][0],
            assigned_on=today - timedelta(days=20),
            due_date=today - timedelta(days=2),
            expected_level=w["level"],
        )
        for c in cells
    )
    plans = SupervisionPlan.objects.bulk_create(
        SupervisionPlan(cell=c, year=2026, quarter=4, status="approved") for c in cells
    )
    with frozen.skipping("supervision.SupervisionItem:frozen_plan_item"):
        SupervisionItem.objects.bulk_create(
            SupervisionItem(
                plan=plan,
                member=people[plan.cell_id][1],
                content="Nội dung",
                supervisor=people[plan.cell_id][0],
                period_start=date(2026, 10, 1),
                period_end=date(2026, 12, 31),
                report_due=date(2026, 12, 31),
            )
            for plan in plans
        )
    Classification.objects.bulk_create(
        Classification(cell=c, year=2026, member=people[c.pk][0], level=w["rating"]) for c in cells
    )
    del thematic


OFFICER_PINNED = {
    "superior:overview": (10, None, "?period=2026"),
    "superior:overview_xlsx": (10, None, "?period=2026-10"),
    "superior:overview_pdf": (10, None, "?period=2026-q4"),
    "superior:cell": (4, lambda w: [w["member"].cell_id], "?period=2026"),
    "superior:minutes_pdf": (13, lambda w: [w["approved"].pk], ""),
    "superior:resolution_pdf": (17, lambda w: [w["approved"].pk], ""),  # + the month's dues (3)
    "search": (6, None, "?q=sinh+hoat"),  # the officer's search over every cell of the đảng bộ
}


@pytest.mark.parametrize("rows", [1, 30])
@pytest.mark.parametrize("name", sorted(OFFICER_PINNED))
def test_it_keeps_the_superior_committee_s_pages_at_their_pinned_count(name, rows, client_for, world, cell, officer):
    pinned, args, query = OFFICER_PINNED[name]
    grow_cells({**world, "cell": cell, "officer": officer}, rows)
    url = reverse(name, args=args(world) if args else None) + query
    assert _count(client_for(officer), url) == pinned, ("pinned", name, pinned)
