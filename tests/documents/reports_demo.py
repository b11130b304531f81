"""The demo loaded on a fixed day, and the text of its classification report, supervision plan and
supervision report as ``pdftotext`` reads them back: what a secretary reads before signing."""

import subprocess
from datetime import datetime
from pathlib import Path
from unittest import mock
from zoneinfo import ZoneInfo

from django.utils import timezone

EXPECTED = Path(__file__).parent / "expected"
# A Sunday, after the December meeting: the year is classified, the third quarter reported, the fourth under way.
DEMO_DAY = datetime(2026, 12, 20, 10, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def at(moment: datetime):
    """Every ``timezone.now()`` (and so ``localdate()``) answers ``moment``."""
    return mock.patch("django.utils.timezone.now", lambda: moment)


def pdf_text(content: bytes) -> str:
    """The PDF's text as poppler's pdftotext reads it, one printed line a line, pages split by a blank line."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=content, capture_output=True, check=True)
    lines = [line.rstrip() for line in out.stdout.decode().replace("\f", "\n").splitlines()]
    return "\n".join(lines).strip() + "\n"


def body_of(text: str) -> str:
    """The document's own text, from its type (KẾ HOẠCH, BÁO CÁO) to the line before "Nơi nhận:", without the
    page numbers and page breaks: what the header and recipients partials (shared with the other documents)
    and the pagination do not change."""
    lines = text.splitlines()
    start = next(n for n, line in enumerate(lines) if line in ("KẾ HOẠCH", "BÁO CÁO"))
    end = next(n for n, line in enumerate(lines) if line.startswith("Nơi nhận"))
    kept = [line for line in lines[start:end] if line.strip() and not line.strip().isdigit()]
    return "\n".join(kept) + "\n"


def loaded_demo():
    """``load_demo()`` as ``seed_demo`` runs it: the search index paused while the year is written (a row per
    save costs as much as the load), then rebuilt from what is there."""
    from chibo.demo import load_demo
    from chibo.search import index

    with index.paused():
        cell = load_demo()
    index.rebuild()
    return cell


def demo_documents(moment: datetime = DEMO_DAY) -> dict[str, bytes]:
    """Load the demo on ``moment`` and render the three documents as the secretary downloads them."""
    from evaluations.pdf import render_classification_pdf
    from evaluations.selectors import classification_day, year_records
    from evaluations.services import rating_levels
    from members.models import Member
    from supervision.models import SupervisionPlan
    from supervision.pdf import render_plan_pdf, render_report_pdf

    with at(moment):
        cell = loaded_demo()
        secretary = Member.objects.get(cell=cell, role=Member.Role.SECRETARY)
        today = timezone.localdate()
        plans = SupervisionPlan.objects.filter(cell=cell).order_by("year", "quarter")
        current = plans.get(year=today.year, quarter=(today.month - 1) // 3 + 1)
        reported = plans.filter(status=SupervisionPlan.Status.REPORTED).last()
        levels = rating_levels(cell)
        records = year_records(cell, today.year, levels, today=classification_day(cell, today.year))
        return {
            "classification": render_classification_pdf(cell, today.year, records, levels),
            "supervision_plan": render_plan_pdf(current, reader=secretary),
            "supervision_report": render_report_pdf(reported, reader=secretary),
        }
