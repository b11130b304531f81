"""URL converters shared by the apps."""

from core.months import sensible_year


class YearConverter:
    """A year from FIRST_YEAR to LAST_YEAR (1930–2100): anything else is not a page (404), never a date error."""

    regex = r"[0-9]{4}"

    def to_python(self, value: str) -> int:
        if not sensible_year(int(value)):
            raise ValueError(value)  # no match: 404
        return int(value)

    def to_url(self, value: int) -> str:
        if not sensible_year(int(value)):
            raise ValueError(value)  # no address for it: the page leaves the link out
        return f"{int(value):04d}"


class MonthConverter:
    """A month number 1–12."""

    regex = r"0?[1-9]|1[0-2]"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(int(value))
