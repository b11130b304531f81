"""PDF rendering of meeting documents with WeasyPrint, in the Party's document format."""

import threading
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.template.loader import render_to_string
from django.utils import timezone, translation
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from meetings.document_format import date_line, document_number, format_for
from meetings.minutes import share, title_line, title_lower
from meetings.models import DocumentType, Meeting, MeetingRecord, Section
from meetings.selectors import attendance_sheet, record_of, time_split
from meetings.services import month_after
from members.models import Member

BASE_URL = "https://chibo.invalid/"
MIME = {".ttf": "font/ttf", ".css": "text/css", ".png": "image/png", ".svg": "image/svg+xml"}


class StaticFilesFetcher(URLFetcher):
    """Serves only the project's own static files: no network, no ``file:``."""

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        prefix = "/" + settings.STATIC_URL.lstrip("/")
        if f"{parts.scheme}://{parts.netloc}/" != BASE_URL or not parts.path.startswith(prefix):
            raise ValueError(f"chibo's PDFs load only the project's static files, not {url}")
        name = parts.path[len(prefix) :]
        # In production {% static %} gives the hashed name collectstatic wrote to STATIC_ROOT.
        path = finders.find(name) or (staticfiles_storage.path(name) if staticfiles_storage.exists(name) else None)
        if not path:
            raise ValueError(f"no static file at {url}")
        with open(path, "rb") as handle:
            body = handle.read()
        suffix = path[path.rfind(".") :]
        return URLFetcherResponse(
            url, body=body, headers={"Content-Type": MIME.get(suffix, "application/octet-stream")}
        )


_local = threading.local()


def _fonts() -> FontConfiguration:
    """One font configuration per thread: a new one per PDF loads the @font-face files again and grows
    memory (measured: +50 MiB over 150 PDFs, flat with this)."""
    if not hasattr(_local, "fonts"):
        _local.fonts = FontConfiguration()
    return _local.fonts


def render_pdf(template: str, context: dict) -> bytes:
    """``context`` carries ``fmt``, the cell's format profile."""
    with translation.override("vi"):
        html = render_to_string(template, context)
        return HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFilesFetcher()).write_pdf(font_config=_fonts())


def render_agenda_pdf(meeting: Meeting) -> bytes:
    """The meeting programme (CHƯƠNG TRÌNH SINH HOẠT CHI BỘ); ``meeting`` shaped by ``with_agenda``."""
    cell = meeting.cell
    items = list(meeting.items.all())
    sections = [(label, [i for i in items if i.section == value]) for value, label in Section.choices]
    has_committee = Member.objects.filter(cell=cell, role=Member.Role.COMMITTEE).active().exists()
    signer = meeting.chair
    fmt = format_for(cell)
    return render_pdf(
        "meetings/pdf/agenda.html",
        {
            "fmt": fmt,
            "meeting": meeting,
            "cell": cell,
            "number": document_number(meeting.agenda_number, DocumentType.PROGRAMME, cell.document_code),
            "date_line": date_line(
                cell.place_name,
                timezone.localtime(meeting.published_at).date() if meeting.published_at else timezone.localdate(),
            ),
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
    return {
        "fmt": fmt,
        "meeting": meeting,
        "cell": cell,
        "record": record,
        "sheet": sheet,
        "title_line": title_line(meeting),
        "title_lower": title_lower(meeting),
        "date_line": date_line(cell.place_name, meeting.date),
        "draft": not record.is_locked,
        "chair_title": fmt.deputy if chair and chair.role == Member.Role.DEPUTY else fmt.secretary,
        "share_for": share(record.votes_for, record.vote_base),
    }


def render_minutes_pdf(meeting: Meeting) -> bytes:
    """The minutes (BIÊN BẢN), signed by the minute-taker (left) and the chair (right)."""
    context = _record_documents_context(meeting)
    record = context["record"]
    paragraphs = [line.strip() for line in record.minutes_text.splitlines() if line.strip()]
    context.update(
        number=document_number(record.minutes_number, DocumentType.MINUTES, meeting.cell.document_code),
        paragraphs=paragraphs,
    )
    return render_pdf("meetings/pdf/minutes.html", context)


def render_resolution_pdf(meeting: Meeting) -> bytes:
    """The monthly resolution (NGHỊ QUYẾT), signed T/M CHI BỘ by the secretary, with its recipients."""
    context = _record_documents_context(meeting)
    record = context["record"]
    next_month = month_after(meeting.month)
    reviews = list(record.reviews.all()) if record.pk else []
    context.update(
        number=document_number(record.resolution_number, DocumentType.RESOLUTION, meeting.cell.document_code),
        next_month=next_month,
        reviews=reviews,
        tasks=list(record.tasks.all()) if record.pk else [],
        quality_level=meeting.cell.quality_level(record.quality_total) if record.quality_scores else "",
    )
    return render_pdf("meetings/pdf/resolution.html", context)
