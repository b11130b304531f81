"""Approved minutes and resolutions, approved supervision plans, decided classifications and the audit log
are kept by the database itself (core.frozen, issue 17): an ORM ``save``, a queryset ``update``, raw SQL
and the admin's change form all fail there, and so do deletes. Addenda are still added, findings still
recorded, and rows that are not approved yet still change."""

from datetime import date

import pytest
from django import forms
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from evaluations import services as evaluation_services
from evaluations.models import Classification
from evaluations.selectors import year_records
from meetings import services as meeting_services
from meetings.models import AgendaItem, Attendance, Meeting, MeetingRecord, ResolutionTask, Speech
from members.models import AuditEntry
from supervision import services as supervision_services
from supervision.models import SupervisionItem, SupervisionPlan
from tests.factories import make_supervision

MINUTES = "chibo: approved minutes and resolution cannot be changed"
PLAN = "chibo: an approved supervision plan cannot be changed"
DECIDED = "chibo: a decided classification cannot be changed"
AUDIT = "chibo: the audit log is append-only"


def refused(message):
    """The write fails in the database with the trigger's message; the test's transaction goes on."""
    return pytest.raises(IntegrityError, match=message)


def decide(cell, member, by, *, level=0, reason=""):
    levels = evaluation_services.rating_levels(cell)
    return evaluation_services.classification_confirm(
        cell=cell, year=2026, member=member, level=levels[level], reason=reason, points=80,
        proposed=levels[0].label, by=by,
    )  # fmt: skip


@pytest.fixture
def frozen(cell, secretary, committee, member, approved_meeting):
    """One frozen row of each kind: (row, a text field to change, the trigger's message)."""
    supervision = make_supervision(cell, secretary, committee, member)
    return {
        "minutes": (approved_meeting.record, "minutes_text", MINUTES),
        "resolution task": (approved_meeting.record.tasks.get(), "content", MINUTES),
        "plan": (supervision["plan"], "purpose", PLAN),
        "plan item": (supervision["sup_item"], "content", PLAN),
        "classification": (decide(cell, member, secretary), "reason", DECIDED),
        "audit entry": (AuditEntry.objects.filter(cell=cell).first(), "object_repr", AUDIT),
    }


KINDS = ["minutes", "resolution task", "plan", "plan item", "classification", "audit entry"]


def _row(instance) -> tuple:
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT * FROM "{instance._meta.db_table}" WHERE id = %s', [instance.pk])  # noqa: S608
        return cursor.fetchone()


@pytest.mark.parametrize("kind", KINDS)
def test_it_refuses_an_orm_save(frozen, kind):
    row, field, message = frozen[kind]
    before = _row(row)
    setattr(row, field, "Sửa sau khi đã thông qua")
    with refused(message), transaction.atomic():
        row.save()
    with refused(message), transaction.atomic():
        type(row).objects.get(pk=row.pk).delete()
    assert _row(row) == before


@pytest.mark.parametrize("kind", KINDS)
def test_it_refuses_a_queryset_update(frozen, kind):
    row, field, message = frozen[kind]
    before = _row(row)
    with refused(message), transaction.atomic():
        type(row).objects.filter(pk=row.pk).update(**{field: "Sửa hàng loạt"})
    with refused(message), transaction.atomic():
        type(row).objects.filter(pk=row.pk).delete()
    assert _row(row) == before


@pytest.mark.parametrize("kind", KINDS)
def test_it_refuses_raw_sql(frozen, kind):
    row, field, message = frozen[kind]
    table, column = row._meta.db_table, row._meta.get_field(field).column
    before = _row(row)
    with refused(message), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f'UPDATE "{table}" SET "{column}" = %s WHERE id = %s', ["Sửa bằng SQL", row.pk])  # noqa: S608
    with refused(message), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f'DELETE FROM "{table}" WHERE id = %s', [row.pk])  # noqa: S608
    assert _row(row) == before


# The admin ---------------------------------------------------------------------------------------


@pytest.fixture
def root(db):
    client = Client()
    client.force_login(get_user_model().objects.create_superuser("root", password="mat-khau-quan-tri-2026"))
    return client


def _post_change_form(client, url, changes):
    """Post the admin change form as it was shown, with ``changes``: what a superuser's browser sends."""
    response = client.get(url)
    assert response.status_code == 200
    data = {"_save": "Lưu"}
    for bound in response.context["adminform"].form:
        value = bound.field.widget.format_value(bound.value())
        if isinstance(bound.field.widget, forms.CheckboxInput):
            if bound.value():
                data[bound.html_name] = "on"
        elif value is not None:
            data[bound.html_name] = value
    data.update(changes)
    return client.post(url, data)


ADMIN = ["minutes", "plan", "classification"]  # registered read-write for superusers in their apps' admin.py


@pytest.mark.parametrize("kind", ADMIN)
def test_it_refuses_the_admin_change_form(root, frozen, kind):
    row, field, message = frozen[kind]
    meta = row._meta
    before = _row(row)
    change = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[row.pk])
    with refused(message), transaction.atomic():
        _post_change_form(root, change, {field: "Sửa trong trang quản trị"})
    delete = reverse(f"admin:{meta.app_label}_{meta.model_name}_delete", args=[row.pk])
    with refused(message), transaction.atomic():
        root.post(delete, {"post": "yes"})
    assert _row(row) == before


@pytest.mark.urls("tests.security.audit_admin_urls")
def test_it_refuses_the_admin_change_form_of_the_audit_log(root, frozen):
    row, field, message = frozen["audit entry"]
    before = _row(row)
    change = reverse("rw_admin:members_auditentry_change", args=[row.pk])
    with refused(message), transaction.atomic():
        _post_change_form(root, change, {field: "Sửa trong trang quản trị"})
    with refused(message), transaction.atomic():
        root.post(reverse("rw_admin:members_auditentry_delete", args=[row.pk]), {"post": "yes"})
    assert _row(row) == before


def test_it_keeps_the_real_audit_admin_read_only(root, frozen):
    row, _field, _message = frozen["audit entry"]
    change = reverse("admin:members_auditentry_change", args=[row.pk])
    assert root.post(change, {"object_repr": "Sửa"}).status_code == 403


def test_it_lets_the_admin_change_what_is_not_approved(root, held_meeting, cell, secretary, committee, member):
    record = held_meeting.record
    url = reverse("admin:meetings_meetingrecord_change", args=[record.pk])
    assert _post_change_form(root, url, {"conclusion": "Sửa khi còn là dự thảo"}).status_code == 302
    record.refresh_from_db()
    assert record.conclusion == "Sửa khi còn là dự thảo"
    draft = make_supervision(cell, secretary, committee, member)["draft_plan"]
    url = reverse("admin:supervision_supervisionplan_change", args=[draft.pk])
    assert _post_change_form(root, url, {"scope": "Phạm vi mới"}).status_code == 302
    draft.refresh_from_db()
    assert draft.scope == "Phạm vi mới"


# What the approval fixes, and what may still happen ---------------------------------------------


def test_it_freezes_every_row_the_minutes_and_resolution_are_made_of(approved_meeting, secretary):
    meeting = approved_meeting
    item = meeting.items.filter(section=2).first()
    speech = Speech.objects.filter(item__meeting=meeting).first()
    attempts = [
        lambda: Attendance.objects.filter(meeting=meeting).update(status="unexcused"),
        lambda: Attendance.objects.filter(meeting=meeting).delete(),
        lambda: Speech.objects.create(item=item, member=secretary, summary="Phát biểu thêm"),
        lambda: Speech.objects.filter(pk=speech.pk).update(summary="Sửa"),
        lambda: AgendaItem.objects.filter(pk=item.pk).update(record="Sửa"),
        lambda: AgendaItem.objects.create(
            meeting=meeting, section=3, title="Thêm", category="procedure", planned_minutes=5
        ),  # fmt: skip
        lambda: ResolutionTask.objects.create(record=meeting.record, content="Nhiệm vụ thêm"),
        lambda: MeetingRecord.objects.filter(pk=meeting.record.pk).update(quality_scores=[]),
        lambda: MeetingRecord.objects.filter(pk=meeting.record.pk).update(status="draft"),
        lambda: Meeting.objects.filter(pk=meeting.pk).update(date=date(2026, 9, 30)),
        lambda: Meeting.objects.filter(pk=meeting.pk).update(status="held"),
        lambda: Meeting.objects.filter(pk=meeting.pk).delete(),
    ]
    for attempt in attempts:
        with refused(MINUTES), transaction.atomic():
            attempt()
    # The preparation checklist is filled in after the meeting; a correction is an addendum.
    Meeting.objects.filter(pk=meeting.pk).update(resolution_posted_on=date(2026, 9, 20))
    addendum = meeting_services.addendum_add(meeting=meeting, text="Bổ sung: sửa tên khách mời.", by=secretary.user)
    assert list(meeting.record.addenda.all()) == [addendum]


def test_it_still_refuses_and_logs_through_the_services(approved_meeting, secretary, member):
    item = approved_meeting.items.filter(section=2).first()
    with pytest.raises(meeting_services.RecordLocked):
        meeting_services.speech_add(meeting=approved_meeting, item=item, member=member, summary="x", by=secretary.user)
    assert AuditEntry.objects.filter(action="refused", object_id=approved_meeting.pk).count() == 1


def test_it_lets_unapproved_minutes_change(held_meeting):
    record = held_meeting.record
    record.minutes_text = "Bản dự thảo đã sửa"
    record.save()
    Attendance.objects.filter(meeting=held_meeting).update(reason="Sửa khi còn dự thảo")
    ResolutionTask.objects.filter(record=record).update(content="Nhiệm vụ đã sửa")
    Speech.objects.filter(item__meeting=held_meeting).delete()
    assert MeetingRecord.objects.get(pk=record.pk).minutes_text == "Bản dự thảo đã sửa"


def test_it_records_findings_and_reports_an_approved_plan_but_fixes_the_rest(cell, secretary, committee, member):
    supervision = make_supervision(cell, secretary, committee, member)
    plan, item = supervision["plan"], supervision["sup_item"]
    supervision_services.findings_save(
        item=item,
        values={"strengths": "Gương mẫu", "shortcomings": "", "recommendations": "Phát huy", "violation_sign": False},
        by=committee,
        create_violation=False,
    )
    SupervisionItem.objects.filter(pk=item.pk).update(recommendations="Sửa kiến nghị")  # a finding, not the plan
    assert SupervisionPlan.objects.get(pk=plan.pk).status == "in_progress"
    for attempt in [
        lambda: SupervisionItem.objects.filter(pk=item.pk).update(supervisor=secretary),
        lambda: SupervisionItem.objects.filter(pk=item.pk).update(period_end=date(2026, 12, 1)),
        lambda: SupervisionItem.objects.create(
            plan=plan,
            member=secretary,
            supervisor=committee,
            content="Thêm",
            period_start=date(2026, 10, 1),
            period_end=date(2026, 12, 31),
            report_due=date(2026, 12, 26),
        ),  # fmt: skip
        lambda: SupervisionPlan.objects.filter(pk=plan.pk).update(status="draft"),
        lambda: SupervisionPlan.objects.filter(pk=plan.pk).update(number=99),
    ]:
        with refused(PLAN), transaction.atomic():
            attempt()
    addendum = supervision_services.addendum_add(plan=plan, text="Bổ sung: đổi ngày báo cáo.", by=secretary)
    assert list(plan.addenda.all()) == [addendum]
    plan.refresh_from_db()
    for other in plan.items.exclude(pk=item.pk):  # a report needs every member's findings
        supervision_services.findings_save(
            item=other, values={"strengths": "Tốt"}, by=secretary, create_violation=False
        )
    supervision_services.plan_report(plan=plan, summary="Đã giám sát đầy đủ.", by=secretary)
    with refused(PLAN), transaction.atomic():
        SupervisionPlan.objects.filter(pk=plan.pk).update(report="Sửa báo cáo")
    # The draft of the next quarter is still edited, and its members still added or removed.
    draft = supervision["draft_plan"]
    SupervisionPlan.objects.filter(pk=draft.pk).update(purpose="Mục đích mới")
    draft.items.filter(member=member).delete()


def test_it_keeps_a_decided_classification_and_logs_an_attempt_to_change_it(cell, secretary, member):
    decided = decide(cell, member, secretary)
    assert decide(cell, member, secretary) == decided  # confirmed again as it stands: nothing to change
    with pytest.raises(evaluation_services.ClassificationDecided):
        decide(cell, member, secretary, level=1, reason="Đổi ý")
    assert AuditEntry.objects.filter(action="refused", object_id=decided.pk).count() == 1
    assert Classification.objects.get(pk=decided.pk).level == decided.level


def test_it_shows_a_decided_classification_without_letting_the_form_change_it(client_for, cell, secretary, member):
    decided = decide(cell, member, secretary)
    levels = evaluation_services.rating_levels(cell)
    url = reverse("evaluations:classification", args=[2026])
    client = client_for(secretary)
    records = year_records(cell, 2026, levels)
    data = {f"level_{r.member.pk}": r.proposed.pk for r in records if r.proposed}  # the others as proposed
    data |= {f"level_{member.pk}": levels[3].pk, f"reason_{member.pk}": "Sửa sau khi đã quyết định"}
    data["decided_on"] = timezone.localdate().strftime("%d/%m/%Y")
    assert client.post(url, data).status_code == 302
    assert Classification.objects.get(pk=decided.pk).level == decided.level
    assert f'name="level_{member.pk}"' in (html := client.get(url).content.decode())
    assert "disabled" in html[html.index(f'name="level_{member.pk}"') - 200 :][:400]


def test_it_appends_to_the_audit_log(cell, secretary):
    count = AuditEntry.objects.count()
    AuditEntry.objects.create(cell=cell, action="create", content_type_id=1, object_id=1, object_repr="Thêm")
    assert AuditEntry.objects.count() == count + 1


# Restore and flush ---------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_it_restores_a_backup_with_its_frozen_rows_and_triggers(approved_meeting, tmp_path):
    """pg_restore loads the data before it creates the triggers; the restored rows are frozen again.
    (After this test pytest-django flushes the tables with TRUNCATE, which row triggers let through.)"""
    record = approved_meeting.record
    call_command("backup", dir=str(tmp_path), stdout=open("/dev/null", "w"))
    [dump] = list(tmp_path.glob("chibo-*.dump"))
    call_command("restore", str(dump), stdout=open("/dev/null", "w"))
    assert MeetingRecord.objects.get(pk=record.pk).minutes_text == record.minutes_text
    with refused(MINUTES), transaction.atomic():
        MeetingRecord.objects.filter(pk=record.pk).update(minutes_text="Sửa sau khi phục hồi")
    with refused(AUDIT), transaction.atomic():
        AuditEntry.objects.all().delete()
