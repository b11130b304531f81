"""Helpers for the long tables and lists written in Python rather than row by row in the template
engine (a row there costs 1,000–1,600 function calls: variables, filters, ``{% url %}``, includes).

Each worker reverses a row's URL once (``pk_url``) and formats dates with ``dmy``; the rows
themselves are ``format_html`` strings (``html``, ``html_join``: the same, without the lazy-string wrapper that
Django's ``escape`` goes through for each value, a third of a long table's time), so every value is escaped.
Of the data nothing is kept between requests (only the shape of an address): each page computes its rows from
the database.
"""

from datetime import date
from functools import lru_cache
from html import escape as _escape

from django.urls import get_script_prefix, reverse
from django.utils.safestring import SafeString, mark_safe

_MARK = 918273645  # pks no table reaches, replaced by the real ones


def pk_url(name: str, args: int = 1):
    """A function ``(pk, …) → URL`` for a URL name taking ``args`` pks (``reverse`` per row costs about 40 µs),
    reversed once per worker and script prefix (the address a deployment is served under)."""
    return _pk_url(name, args, get_script_prefix())


@lru_cache(maxsize=256)
def _pk_url(name: str, args: int, prefix: str):
    url = reverse(name, args=[_MARK + index for index in range(args)])
    for index in range(args):
        url = url.replace(str(_MARK + index), f"{{{index}}}")
    return url.format


def dmy(day: date | None) -> str:
    """``dd/mm/yyyy`` as the ``date:"d/m/Y"`` filter writes it; empty for no date."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}" if day else ""


def escape(value) -> str:
    """``html.escape(str(value))``: for a value that is never a safe string (a title, a name)."""
    return _escape(str(value))


def _escaped(value) -> str:
    """``conditional_escape(value)``: safe strings as they are, anything else through ``html.escape``."""
    safe = getattr(value, "__html__", None)
    return safe() if safe is not None else _escape(str(value))


def html(format_string: str, *args, **kwargs) -> SafeString:
    """``format_html(format_string, *args, **kwargs)``."""
    return mark_safe(
        format_string.format(*map(_escaped, args), **{name: _escaped(value) for name, value in kwargs.items()})
    )


def html_join(separator: str, format_string: str, rows) -> SafeString:
    """``format_html_join(separator, format_string, rows)`` for rows of positional values."""
    return mark_safe(_escaped(separator).join(format_string.format(*map(_escaped, row)) for row in rows))
