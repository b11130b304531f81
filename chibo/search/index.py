"""Keeping the search index: the rows of each kind of record, written when a record is saved
(receivers in ``chibo.apps``) and all at once by ``manage.py rebuild_search_index``.

Who may find a row mirrors who may open the record today:
- approved minutes and resolutions (``meetings.views.access.get_record_for_user``): every member;
  drafts are not indexed at all;
- agenda items (``meetings.selectors.meetings_for``): every member once the agenda is published; the
  committee only while it is a draft;
- tasks (``assignments.views.get_task_for_user``): the committee and the member it is assigned to;
- guiding documents (``meetings.views.document_list``): every member;
- supervision findings (``supervision.selectors.plans_for`` / ``plan_items``): the committee, and the
  member supervised and the supervisor once the plan is approved.

An officer of the superior committee (``CommitteeOfficer``) searches every cell of their organisation, and
finds what ``chibo.superior`` shows them (``OFFICER_KINDS``): approved minutes and resolutions (the
drill-down's PDFs, ``chibo.superior.views._approved``: only rows of approved records exist, as above) and
the guiding documents the cells registered (their number, title, issuer and summary: the result is the whole
record, it links nowhere). Never agenda items (a published agenda's meeting may not be approved yet), tasks
(a member's own record), supervision findings (about a person) nor anything only the cell committee reads;
monthly reviews are not indexed at all.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from itertools import islice

from django.db import connection, transaction
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from assignments.models import Task
from chibo.models import SearchEntry
from chibo.search.text import indexed
from meetings.models import AgendaItem, GuidingDocument, Meeting
from supervision.models import SupervisionItem, SupervisionPlan

Kind = SearchEntry.Kind
MEMBERS, COMMITTEE = SearchEntry.Audience.MEMBERS, SearchEntry.Audience.COMMITTEE
BODY = 100_000  # characters of a record's text that are indexed
CHUNK = 500
OFFICER_KINDS = [Kind.MINUTES, Kind.RESOLUTION, Kind.DOCUMENT]  # what a superior committee's officer finds

_paused = 0


@contextmanager
def paused():
    """Loading many records at once (the demo, the bench data): no row per save; rebuild after."""
    global _paused
    _paused += 1
    try:
        yield
    finally:
        _paused -= 1


def is_paused() -> bool:
    return _paused > 0


@dataclass
class Row:
    kind: str
    object_id: int
    cell_id: int
    date: date
    title: str
    url: str
    audience: str
    body: str = ""
    subtitle: str = ""
    readers: list[int] = field(default_factory=list)


def _text(*parts) -> str:
    return "\n".join(part.strip() for part in parts if part and part.strip())[:BODY]


# The rows of each kind -------------------------------------------------------------------------


def meeting_rows(meeting: Meeting) -> list[Row]:
    """A meeting's agenda items; its minutes and resolution once approved. ``meeting`` carries its
    items, its record and the record's tasks and addenda (``_meetings``)."""
    label = str(meeting)
    month = meeting.month.strftime("%m/%Y")
    rows = []
    audience = COMMITTEE if meeting.status == Meeting.Status.DRAFT else MEMBERS
    detail = reverse("meetings:detail", args=[meeting.pk])
    for item in meeting.items.all():
        rows.append(
            Row(Kind.AGENDA, item.pk, meeting.cell_id, meeting.date, item.title, detail, audience, item.notes, label)
        )
    record = getattr(meeting, "record", None) if meeting.status == Meeting.Status.APPROVED else None
    if record is not None and record.is_locked:
        topic = f" — {meeting.topic}" if meeting.topic else ""
        rows.append(
            Row(
                Kind.MINUTES,
                meeting.pk,
                meeting.cell_id,
                meeting.date,
                _("Minutes of the meeting of %(month)s") % {"month": month} + topic,
                reverse("meetings:minutes", args=[meeting.pk]),
                MEMBERS,
                _text(record.minutes_text, record.conclusion, *(a.text for a in record.addenda.all())),
                label,
            )
        )
        rows.append(
            Row(
                Kind.RESOLUTION,
                meeting.pk,
                meeting.cell_id,
                meeting.date,
                _("Resolution of the meeting of %(month)s") % {"month": month} + topic,
                reverse("meetings:resolution", args=[meeting.pk]),
                MEMBERS,
                _text(
                    record.assessment,
                    record.praise,
                    record.shortcomings,
                    record.directions,
                    record.implementation,
                    *(task.content for task in record.tasks.all()),
                ),
                label,
            )
        )
    return rows


def task_row(task: Task) -> Row:
    return Row(
        Kind.TASK,
        task.pk,
        task.cell_id,
        task.assigned_on,
        task.title,
        reverse("assignments:detail", args=[task.pk]),
        COMMITTEE,
        _text(task.description, task.source_ref),
        task.assignee.full_name,
        [task.assignee_id],
    )


def document_row(document: GuidingDocument) -> Row:
    return Row(
        Kind.DOCUMENT,
        document.pk,
        document.cell_id,
        document.issued_on,
        f"{document.number} — {document.title}",
        reverse("meetings:documents") + "?" + _query(document.number),
        MEMBERS,
        _text(document.summary),
        document.issuer,
    )


def finding_row(item: SupervisionItem) -> Row | None:
    """Only what supervision found is indexed: an item without findings is part of a plan."""
    if not item.has_findings:
        return None
    plan = item.plan
    approved = plan.status != SupervisionPlan.Status.DRAFT
    return Row(
        Kind.FINDING,
        item.pk,
        plan.cell_id,
        item.findings_on,
        _("Supervision of %(member)s") % {"member": item.member.full_name},
        reverse("supervision:plan", args=[plan.pk]),
        COMMITTEE,
        _text(item.content, item.strengths, item.shortcomings, item.recommendations),
        _("Quarter %(quarter)s/%(year)s") % {"quarter": plan.quarter, "year": plan.year},
        [item.member_id, item.supervisor_id] if approved else [],
    )


def _query(number: str) -> str:
    from urllib.parse import urlencode

    return urlencode({"q": number})


# Reads shaped for the rows --------------------------------------------------------------------


def _meetings():
    return Meeting.objects.select_related("record").prefetch_related(
        Prefetch("items", queryset=AgendaItem.objects.order_by("section", "position", "pk")),
        "record__addenda",
        "record__tasks",
    )


def _tasks():
    return Task.objects.select_related("assignee")


def _findings():
    return SupervisionItem.objects.select_related("plan", "member").filter(findings_on__isnull=False)


# Writing -----------------------------------------------------------------------------------------

_COLUMNS = "kind, object_id, cell_id, year, date, title, subtitle, body, url, audience, readers, vector"
_VALUES = (
    "(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s::integer[], "
    "setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B') "
    "|| setweight(to_tsvector('simple', %s), 'C'))"
)


def _insert(rows: Iterable[Row]) -> int:
    """Insert rows, ``CHUNK`` a statement; the vector is made by PostgreSQL from the folded text."""
    count = 0
    rows = iter(rows)
    with connection.cursor() as cursor:
        while chunk := list(islice(rows, CHUNK)):
            params = []
            for row in chunk:
                params += [
                    row.kind,
                    row.object_id,
                    row.cell_id,
                    row.date.year,
                    row.date,
                    row.title[:500],
                    row.subtitle[:300],
                    row.body,
                    row.url,
                    row.audience,
                    row.readers,
                    indexed(row.title),
                    indexed(row.body),
                    indexed(row.subtitle),
                ]
            values = ", ".join([_VALUES] * len(chunk))
            cursor.execute(f"INSERT INTO {SearchEntry._meta.db_table} ({_COLUMNS}) VALUES {values}", params)
            count += len(chunk)
    return count


def _replace(kinds: list[str], object_ids: list[int], rows: list[Row]) -> None:
    with transaction.atomic():
        SearchEntry.objects.filter(kind__in=kinds, object_id__in=object_ids).delete()
        _insert(rows)


def index_meeting(meeting_id: int) -> None:
    """A meeting's agenda items, minutes and resolution, as they stand now."""
    meeting = _meetings().filter(pk=meeting_id).first()
    item_ids = list(AgendaItem.objects.filter(meeting_id=meeting_id).values_list("pk", flat=True))
    with translation.override("vi"), transaction.atomic():
        SearchEntry.objects.filter(kind=Kind.AGENDA, object_id__in=item_ids).delete()
        SearchEntry.objects.filter(kind__in=[Kind.MINUTES, Kind.RESOLUTION], object_id=meeting_id).delete()
        if meeting is not None:
            _insert(meeting_rows(meeting))


def index_task(task_id: int) -> None:
    task = _tasks().filter(pk=task_id).first()
    _replace([Kind.TASK], [task_id], [task_row(task)] if task else [])


def index_document(document_id: int) -> None:
    document = GuidingDocument.objects.filter(pk=document_id).first()
    _replace([Kind.DOCUMENT], [document_id], [document_row(document)] if document else [])


def index_finding(item_id: int) -> None:
    item = _findings().filter(pk=item_id).first()
    row = finding_row(item) if item else None
    with translation.override("vi"):
        _replace([Kind.FINDING], [item_id], [row] if row else [])


def index_plan(plan_id: int) -> None:
    """A plan approved or moved on: its findings' readers follow its status."""
    for item_id in SupervisionItem.objects.filter(plan_id=plan_id, findings_on__isnull=False).values_list(
        "pk", flat=True
    ):
        index_finding(item_id)


def unindex(kind: str, object_id: int) -> None:
    SearchEntry.objects.filter(kind=kind, object_id=object_id).delete()


def _all_rows() -> Iterator[Row]:
    for meeting in _meetings().order_by("pk").iterator(chunk_size=200):
        yield from meeting_rows(meeting)
    for task in _tasks().order_by("pk").iterator(chunk_size=2000):
        yield task_row(task)
    for document in GuidingDocument.objects.order_by("pk").iterator(chunk_size=2000):
        yield document_row(document)
    for item in _findings().order_by("pk").iterator(chunk_size=2000):
        row = finding_row(item)
        if row:
            yield row


@transaction.atomic
def rebuild() -> int:
    """Every row again, in one transaction: a search meanwhile sees the old index."""
    with translation.override("vi"):
        SearchEntry.objects.all().delete()
        count = _insert(_all_rows())
    with connection.cursor() as cursor:  # fresh statistics: the planner then picks the cell's rows first
        cursor.execute(f"ANALYZE {SearchEntry._meta.db_table}")
    return count
