"""URL converters shared by the apps."""


class YearConverter:
    """A four-digit year from 1900 to 2199: anything else is not a page (404), never a date error."""

    regex = r"(19|20|21)[0-9]{2}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return f"{int(value):04d}"


class MonthConverter:
    """A month number 1–12."""

    regex = r"0?[1-9]|1[0-2]"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(int(value))
