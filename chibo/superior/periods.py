"""The period the superior committee's overview covers: a month, a quarter or a year, read from the address
(``?period=2026-11``, ``2026-q4``, ``2026``). Anything else falls back to the current month, with a message."""

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property

from django.utils.translation import gettext as _

from core.months import month_after, sensible_year

MONTH, QUARTER, YEAR = "month", "quarter", "year"
_PATTERN = re.compile(r"^(?P<year>[0-9]{4})(?:-(?:(?P<month>[0-9]{1,2})|[qQ](?P<quarter>[1-4])))?$")


@dataclass(frozen=True)
class Period:
    kind: str
    year: int
    number: int  # the month (1–12), the quarter (1–4), or 0 for the year

    @property
    def start(self) -> date:
        if self.kind == MONTH:
            return date(self.year, self.number, 1)
        if self.kind == QUARTER:
            return date(self.year, 3 * self.number - 2, 1)
        return date(self.year, 1, 1)

    @property
    def end(self) -> date:
        """The last day of the period."""
        if self.kind == MONTH:
            return month_after(self.start) - timedelta(days=1)
        if self.kind == QUARTER:
            return date(self.year + (self.number == 4), (3 * self.number) % 12 + 1, 1) - timedelta(days=1)
        return date(self.year, 12, 31)

    @cached_property
    def months(self) -> tuple[date, ...]:
        """The first day of each month of the period."""
        months, month, end = [], self.start, self.end
        while month <= end:
            months.append(month)
            month = month_after(month)
        return tuple(months)

    @cached_property
    def quarters(self) -> tuple[int, ...]:
        """The quarters the period touches (a month: its own quarter)."""
        return tuple(sorted({(m.month - 1) // 3 + 1 for m in self.months}))

    @property
    def param(self) -> str:
        if self.kind == MONTH:
            return f"{self.year}-{self.number:02d}"
        if self.kind == QUARTER:
            return f"{self.year}-q{self.number}"
        return str(self.year)

    @property
    def label(self) -> str:
        if self.kind == MONTH:
            return _("month %(month)02d/%(year)s") % {"month": self.number, "year": self.year}
        if self.kind == QUARTER:
            return _("quarter %(quarter)s/%(year)s") % {"quarter": self.number, "year": self.year}
        return _("year %(year)s") % {"year": self.year}

    def previous(self) -> "Period | None":
        if self.kind == MONTH:
            year, number = (self.year, self.number - 1) if self.number > 1 else (self.year - 1, 12)
        elif self.kind == QUARTER:
            year, number = (self.year, self.number - 1) if self.number > 1 else (self.year - 1, 4)
        else:
            year, number = self.year - 1, 0
        return Period(self.kind, year, number) if sensible_year(year) else None

    def next(self) -> "Period | None":
        if self.kind == MONTH:
            year, number = (self.year, self.number + 1) if self.number < 12 else (self.year + 1, 1)
        elif self.kind == QUARTER:
            year, number = (self.year, self.number + 1) if self.number < 4 else (self.year + 1, 1)
        else:
            year, number = self.year + 1, 0
        return Period(self.kind, year, number) if sensible_year(year) else None

    def as_kind(self, kind: str) -> "Period":
        """The month, quarter or year that holds the start of this period."""
        start = self.start
        if kind == MONTH:
            return Period(MONTH, start.year, start.month)
        if kind == QUARTER:
            return Period(QUARTER, start.year, (start.month - 1) // 3 + 1)
        return Period(YEAR, start.year, 0)


def parse_period(text: str | None, today: date) -> tuple[Period, str]:
    """The period named by ``text``, or the current month and a message saying why it was not read."""
    default = Period(MONTH, today.year, today.month)
    if not text:
        return default, ""
    match = _PATTERN.match(text.strip()[:20])
    problem = _(
        "The period “%(text)s” was not understood (write 2026-11, 2026-q4 or 2026): the current month is shown."
    )
    if match is None or not sensible_year(int(match["year"])):
        return default, problem % {"text": text[:20]}
    year = int(match["year"])
    if match["month"]:
        month = int(match["month"])
        if not 1 <= month <= 12:
            return default, problem % {"text": text[:20]}
        return Period(MONTH, year, month), ""
    if match["quarter"]:
        return Period(QUARTER, year, int(match["quarter"])), ""
    return Period(YEAR, year, 0), ""
