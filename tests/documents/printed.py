"""Reading the meeting documents back from their PDF as a secretary reads them: the text as laid out on the
page (poppler's ``pdftotext -layout``) and where each word sits (``pdftotext -bbox``)."""

import re
import subprocess
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from unittest.mock import patch
from zoneinfo import ZoneInfo

from django.utils import timezone

EXPECTED = Path(__file__).parent / "expected"
PT_TO_MM = 25.4 / 72


def layout_text(pdf: bytes) -> str:
    """The printed text, page by page, trailing spaces and empty lines dropped (pages split by a form feed)."""
    out = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    pages = out.decode().split("\f")
    lines = []
    for number, page in enumerate(p for p in pages if p.strip()):
        if number:
            lines.append("--- trang mới ---")
        lines.extend(line.rstrip() for line in page.splitlines() if line.strip())
    return "\n".join(lines) + "\n"


def plain_lines(pdf: bytes) -> list[str]:
    """The text in reading order, one printed line per item, spaces collapsed."""
    out = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    return [" ".join(line.split()) for line in out.splitlines() if line.strip()]


def words(pdf: bytes) -> list[list[tuple[float, float, float, float, str]]]:
    """Per page, every word as (x_min, y_min, x_max, y_max) in mm from the page's top left, and its text."""
    out = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    pages = []
    for page in out.split("<page ")[1:]:
        found = re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', page
        )
        pages.append([(*(float(v) * PT_TO_MM for v in box[:4]), box[4]) for box in found])
    return pages


@contextmanager
def today_is(day: str):
    """Run as if the clock showed ``day`` (yyyy-mm-dd) at 10:00 in Vietnam."""
    moment = datetime.fromisoformat(day).replace(hour=10, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    with patch.object(timezone, "now", lambda: moment):
        yield moment
