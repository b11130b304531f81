"""Months as the first day of the month, the way the whole app stores them."""

from datetime import date


def month_after(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


# The years the app takes in a date or an address: a party member's life and a cell's archive fit in
# them (the Party was founded in 1930), and nothing outside them breaks a calendar feed or a page.
FIRST_YEAR = 1930
LAST_YEAR = 2100


def sensible_year(year: int) -> bool:
    return FIRST_YEAR <= year <= LAST_YEAR
