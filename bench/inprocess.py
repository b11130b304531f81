"""The benchmark's in-process part (run by bench/run.py with the bench database's environment):
queries per page for a small and a large cell, sessions for the load test, and the minutes PDF
against WeasyPrint rendering the same HTML directly. Prints one JSON object."""

import json
import os
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chibo.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from weasyprint import HTML  # noqa: E402

import documents.pdf as renderer  # noqa: E402
import meetings.pdf as pdf  # noqa: E402
from documents.printing import render_html  # noqa: E402
from meetings import services  # noqa: E402
from meetings.models import Meeting  # noqa: E402
from meetings.selectors import with_record  # noqa: E402
from members.models import Cell, CommitteeOfficer, Member  # noqa: E402

settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]


def pages(cell: Cell) -> dict[str, tuple[str, Member | CommitteeOfficer]]:
    """The key pages of one cell, with who opens them; the overview and the search of the officer of the cell's
    đảng bộ, over all its cells."""
    secretary = Member.objects.get(cell=cell, role=Member.Role.SECRETARY)
    member = Member.objects.filter(cell=cell, role=Member.Role.MEMBER).order_by("pk")[5]
    draft = Meeting.objects.filter(cell=cell, status=Meeting.Status.DRAFT).first()
    if draft is None:
        latest = Meeting.objects.filter(cell=cell).order_by("-month").first()
        draft = services.meeting_prepare(cell=cell, month=services.month_after(latest.month), by=secretary.user)
    held = Meeting.objects.filter(cell=cell, status=Meeting.Status.APPROVED).order_by("-month").first()
    officer = CommitteeOfficer.objects.get(organisation_id=cell.organisation_id)
    last_month = date.today().replace(day=1) - timedelta(days=1)
    return {
        "agenda editor": (f"/meetings/{draft.pk}/", secretary),
        "meeting detail": (f"/meetings/{held.pk}/record/", secretary),
        "my tasks": ("/tasks/", member),
        "members list": ("/members/", secretary),
        "task overview": ("/tasks/overview/", secretary),
        "search": ("/search/?q=dang+phi+thang", member),  # ten years of minutes, tasks and documents
        # The superior committee's officer: the overview of every cell of the đảng bộ for the month just ended
        # and for the year (the heaviest period), and the search over every cell's approved documents.
        "overview": (f"/superior/?period={last_month:%Y-%m}", officer),
        "overview (year)": (f"/superior/?period={date.today().year}", officer),
        "search (officer)": ("/search/?q=dang+phi+thang", officer),
        "minutes PDF": (f"/meetings/{held.pk}/minutes.pdf", secretary),
    }


def count_queries(cell: Cell, *, page_cache: bool = False) -> dict[str, int]:
    """Queries of each page rendered (``page_cache`` off), or served again from the page cache."""
    result = {}
    settings.PAGE_CACHE_SECONDS = 300 if page_cache else 0
    for name, (url, person) in pages(cell).items():
        client = Client()
        client.get(reverse("login"))
        client.force_login(person.user)  # with the CSRF cookie from the login page, as a browser
        client.get(url)  # warm caches (content types, the format profile; the page cache when on)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        result[name] = len(ctx.captured_queries)
    settings.PAGE_CACHE_SECONDS = 0
    return result


def session_for(person: Member | CommitteeOfficer) -> str:
    """A session logged in as ``person`` through Django's own login (the configured backend, both login steps
    done), as a browser holds after logging in."""
    client = Client()
    client.force_login(person.user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def pdf_times(cell: Cell, runs: int = 20) -> dict[str, float]:
    """chibo's minutes PDF (queries, print HTML, WeasyPrint) against WeasyPrint alone on the same HTML."""
    meeting = with_record(Meeting.objects.filter(cell=cell, status=Meeting.Status.APPROVED)).order_by("-month")[0]
    printable = pdf.minutes_printable(meeting)
    html = render_html(printable.template, printable.context)
    app, plain = [], []
    for _ in range(runs):
        shaped = with_record(Meeting.objects.filter(pk=meeting.pk)).get()
        start = time.perf_counter()
        pdf.render_minutes_pdf(shaped)
        app.append(time.perf_counter() - start)
        start = time.perf_counter()
        HTML(string=html, base_url=renderer.BASE_URL, url_fetcher=renderer.StaticFilesFetcher()).write_pdf(
            font_config=renderer._fonts()
        )
        plain.append(time.perf_counter() - start)
    return {"app_ms": statistics.median(app) * 1000, "plain_ms": statistics.median(plain) * 1000}


def main():
    small = Cell.objects.get(name=sys.argv[1])
    large = Cell.objects.get(name=sys.argv[2])
    out = {
        "queries_small": count_queries(small),
        "queries_large": count_queries(large),
        "queries_cached": count_queries(large, page_cache=True),
        "pages": {name: url for name, (url, _person) in pages(large).items()},
        "sessions": {name: session_for(person) for name, (_url, person) in pages(large).items()},
        "pdf": pdf_times(large),
    }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
