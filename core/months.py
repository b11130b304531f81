"""Months as the first day of the month, the way the whole app stores them."""

from datetime import date


def month_after(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)
