"""The meeting documents (programme, minutes, resolution): their context, rendered by ``documents``
(PDF and .docx, from the same print HTML).

Each document carries the date of its own event: the programme the day it was published, the
minutes and the resolution the meeting's day."""

import re

from django.utils import timezone

from core.months import month_after
from documents.format import date_line, document_number, format_for
from documents.models import DocumentType, FrozenDocument
from documents.pdf import render_pdf
from documents.printing import Addendum, Printable, hide_related
from meetings.minutes import (
    DISCUSSION,
    HEADING,
    attendance_phrase,
    carry_over,
    comrade,
    dues_phrase,
    post_of,
    reviewed_month,
    share,
    title_line,
    title_lower,
)
from meetings.models import Meeting, MeetingRecord, Section
from meetings.selectors import attendance_sheet, record_of, time_split
from members.models import Member

ITEM = re.compile(r"^\d{1,2}\. ")


def agenda_date_line(meeting: Meeting) -> str:
    """A programme is dated the day it was published; a draft leaves the day blank for the clerk."""
    place = meeting.cell.place_name
    if meeting.published_at:
        return date_line(place, timezone.localtime(meeting.published_at).date())
    blank = "\u00a0" * 4
    return f"{place}, ngày {blank} tháng {blank} năm {meeting.date.year}"


def render_agenda_pdf(meeting: Meeting) -> bytes:
    printable = agenda_printable(meeting)
    return render_pdf(printable.template, printable.context)


def agenda_printable(meeting: Meeting) -> Printable:
    """The meeting programme (CHƯƠNG TRÌNH SINH HOẠT CHI BỘ); ``meeting`` shaped by ``with_agenda``."""
    cell = meeting.cell
    items = list(meeting.items.all())
    sections = [(label, [i for i in items if i.section == value]) for value, label in Section.choices]
    has_committee = Member.objects.filter(cell=cell, role=Member.Role.COMMITTEE).active().exists()
    signer = meeting.chair
    fmt = format_for(cell)
    return Printable(
        kind=FrozenDocument.Kind.AGENDA,
        object_id=meeting.pk,
        template="meetings/pdf/agenda.html",
        filename=f"chuong-trinh-sinh-hoat-{meeting.month:%Y-%m}",
        context={
            "fmt": fmt,
            "meeting": meeting,
            "cell": cell,
            "number": document_number(meeting.agenda_number, DocumentType.PROGRAMME, cell.document_code),
            "date_line": agenda_date_line(meeting),
            "title_line": title_line(meeting),
            "chair": comrade(meeting.chair),
            "minute_taker": comrade(meeting.minute_taker),
            "sections": [(label, group) for label, group in sections if group],
            "split": time_split(meeting),
            "draft": meeting.status == Meeting.Status.DRAFT,
            "for_whom": fmt.for_committee if has_committee else fmt.for_cell,
            "signer": signer,
            "signer_title": fmt.deputy if signer and signer.role == Member.Role.DEPUTY else fmt.secretary,
        },
    )


def _record_documents_context(meeting: Meeting) -> dict:
    """What the minutes and the resolution share; ``meeting`` shaped by ``with_record``."""
    cell = meeting.cell
    record = record_of(meeting) or MeetingRecord(meeting=meeting)
    sheet = attendance_sheet(meeting)
    fmt = format_for(cell)
    chair = meeting.chair
    scored = bool(record.quality_scores)
    return {
        "fmt": fmt,
        "meeting": meeting,
        "thematic": meeting.kind == Meeting.Kind.THEMATIC,
        "cell": cell,
        "record": record,
        "sheet": sheet,
        "attendance": attendance_phrase(sheet),
        "chair": comrade(chair),
        "chair_subject": "Đ" + comrade(chair)[1:] + ("," if post_of(chair) else ""),
        "minute_taker": comrade(meeting.minute_taker),
        "title_line": title_line(meeting),
        "title_lower": title_lower(meeting),
        "date_line": date_line(cell.place_name, meeting.date),
        "draft": not record.is_locked,
        "chair_title": fmt.deputy if chair and chair.role == Member.Role.DEPUTY else fmt.secretary,
        "share_for": share(record.votes_for, record.vote_base),
        "tasks": list(record.tasks.all()) if record.pk else [],
        "quality_level": cell.quality_level(record.quality_total) if scored else "",
    }


def minutes_blocks(text: str) -> list[tuple[str, str]]:
    """The minutes text as (kind, line): ``heading``, ``item``, ``lead`` (a line ending with a colon),
    ``speech`` (a line starting with a dash) or ``para``; blank lines dropped."""
    blocks = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line == HEADING or (line.isupper() and len(line) < 80):
            kind = "heading"
        elif ITEM.match(line) and len(line) < 300:
            kind = "item"
        elif line.startswith("-"):
            kind = "speech"
        elif line == DISCUSSION or (line.endswith(":") and len(line) < 80):
            kind = "lead"
        else:
            kind = "para"
        blocks.append((kind, line))
    return blocks


def render_minutes_pdf(meeting: Meeting) -> bytes:
    printable = minutes_printable(meeting)
    return render_pdf(printable.template, printable.context)


def minutes_printable(meeting: Meeting) -> Printable:
    """The minutes (BIÊN BẢN), signed by the minute-taker (left) and the chair (right); the addenda made
    after approval follow on pages of their own."""
    context = _record_documents_context(meeting)
    record = context["record"]
    addenda = [Addendum(timezone.localtime(a.created_at).date(), a.text) for a in hide_related(record, "addenda")]
    number = document_number(record.minutes_number, DocumentType.MINUTES, meeting.cell.document_code)
    context.update(
        number=number,
        blocks=minutes_blocks(record.minutes_text),
        conclusion=[line.strip() for line in record.conclusion.splitlines() if line.strip()],
    )
    return Printable(
        kind=FrozenDocument.Kind.MINUTES,
        object_id=meeting.pk,
        template="meetings/pdf/minutes.html",
        context=context,
        filename=f"bien-ban-sinh-hoat-{meeting.date:%Y-%m-%d}",
        title=f"Biên bản {context['title_lower']} ({number})",
        addenda=addenda,
    )


def render_resolution_pdf(meeting: Meeting) -> bytes:
    printable = resolution_printable(meeting)
    return render_pdf(printable.template, printable.context)


def resolution_printable(meeting: Meeting) -> Printable:
    """The resolution (NGHỊ QUYẾT), signed T/M CHI BỘ by the secretary, with its recipients.

    The review of last month's resolution lists the same tasks, owners and deadlines that resolution
    set, with the outcome the minutes record."""
    context = _record_documents_context(meeting)
    record = context["record"]
    thematic = context["thematic"]
    context.update(
        number=document_number(record.resolution_number, DocumentType.RESOLUTION, meeting.cell.document_code),
        reviewed_month=reviewed_month(meeting),
        next_month=month_after(reviewed_month(meeting)),
        reviews=[] if thematic else carry_over(meeting, record),
        dues=dues_phrase(meeting, record),
    )
    return Printable(
        kind=FrozenDocument.Kind.RESOLUTION,
        object_id=meeting.pk,
        template="meetings/pdf/resolution.html",
        context=context,
        filename=f"nghi-quyet-{meeting.date:%Y-%m-%d}",
    )
