"""How wide a line of print is, measured with the font the PDFs embed (Liberation Serif, metric-compatible
with Times New Roman), so a form can tell the user that a header line will not fit before it is printed."""

import functools

from django.contrib.staticfiles import finders
from PIL import ImageFont

# The header's left column (the superior committee, the cell, the number): wide enough for the lines
# HD 36's models show ("ĐẢNG BỘ VIỆN KSND" / "TỈNH TUYÊN QUANG") at 14 pt, leaving the right column
# room for "ĐẢNG CỘNG SẢN VIỆT NAM" and the date line.
HEADER_COLUMN_MM = 75
PT_PER_MM = 72 / 25.4


@functools.cache
def _font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    name = "LiberationSerif-Bold.ttf" if bold else "LiberationSerif-Regular.ttf"
    # The size is in hundredths of a point so the measure keeps its precision.
    return ImageFont.truetype(finders.find(f"fonts/{name}"), size * 100)


def text_width_mm(text: str, pt: int, *, bold: bool = False) -> float:
    """The printed width of ``text`` at ``pt`` points, in millimetres."""
    return _font(bold, pt).getlength(text) / 100 / PT_PER_MM


def wrap_to_width(text: str, pt: int, width_mm: float) -> list[str]:
    """``text`` cut between words into lines no wider than ``width_mm`` (a single long word stays whole)."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width_mm(f"{lines[-1]} {word}", pt) <= width_mm:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines
