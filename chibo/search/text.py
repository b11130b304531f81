"""Folding Vietnamese text for search, building a safe tsquery and the highlighted snippet.

``fold`` keeps the length of the text: one character in, one character out. So a match found in the
folded text is at the same place in the original, and the snippet shows the original words.
"""

import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

MAX_QUERY = 200  # characters a query may have
MAX_TOKENS = 12  # words of a query that count
MAX_TOKEN = 40  # characters of one word that count
SNIPPET = 220  # characters of a snippet
SCANNED = 20000  # characters of a text the snippet is looked for in
_WORD = re.compile(r"[a-z0-9]+")
_LEADING_ZEROS = re.compile(r"(?<![a-z0-9])0+(?=[0-9])")


def _fold_char(char: str) -> str:
    if char in "đĐ":
        return "d"
    base = next((c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c)), " ")
    base = base.lower()[:1]
    return base if base.isascii() and base.isalnum() else " "


class _Table(dict):
    """``str.translate``'s table, filled on first sight of each character."""

    def __missing__(self, key: int) -> str:
        self[key] = value = _fold_char(chr(key))
        return value


_TABLE = _Table()


def fold(text: str) -> str:
    """``"Biên bản tháng 10/2026, Đảng phí"`` → ``"bien ban thang 10 2026  dang phi"``: same length,
    every mark, punctuation and symbol a space. (Text is stored in NFC, as Django forms leave it.)"""
    return text.translate(_TABLE)


def indexed(text: str) -> str:
    """The text as the index holds it: folded, and numbers without leading zeros ("tháng 09" is
    found by "thang 9" and by "thang 09")."""
    return _LEADING_ZEROS.sub("", fold(text))


def tokens(query: str) -> list[str]:
    """The words of a query, folded: letters and digits only, so nothing the user types can be
    tsquery or SQL syntax."""
    words = _WORD.findall(indexed(query[:MAX_QUERY]))
    unique = list(dict.fromkeys(word[:MAX_TOKEN] for word in words))
    return unique[:MAX_TOKENS]


def tsquery(words: list[str]) -> str:
    """Every word must match; the last also as the start of a word when it has two letters or more
    (typing "dang ph" finds "đảng phí"; "tháng 1" does not find "tháng 10")."""
    parts = [f"'{word}'" for word in words]
    if words and len(words[-1]) >= 2 and words[-1].isalpha():
        parts[-1] += ":*"
    return " & ".join(parts)


def _pattern(words: list[str]) -> re.Pattern:
    last = words[-1] if words and len(words[-1]) >= 2 and words[-1].isalpha() else None
    alternatives = [rf"{'0*' if w.isdigit() else ''}{w}(?![a-z0-9])" for w in words if w != last]
    if last:
        alternatives.append(rf"{last}[a-z0-9]*")
    return re.compile(rf"(?<![a-z0-9])(?:{'|'.join(alternatives)})")


def highlight(text: str, words: list[str], *, width: int = SNIPPET) -> SafeString:
    """The part of ``text`` with the most matches (at most ``width`` characters), escaped, with each
    match in ``<mark>``. Only the marks are markup: every piece of text goes through ``escape``."""
    text = unicodedata.normalize("NFC", (text or "")[:SCANNED])
    if not text or not words:
        return escape(text[:width])
    folded = fold(text)
    spans = [match.span() for match, _ in zip(_pattern(words).finditer(folded), range(200), strict=False)]
    start = 0
    if spans and len(text) > width:
        best, most, last = 0, 0, 0
        for first, (left, _right) in enumerate(spans):  # the window starting at a match holding the most
            while last < len(spans) and spans[last][1] <= left + width:
                last += 1
            if last - first > most:
                best, most = first, last - first
        start = max(0, spans[best][0] - width // 5)
        while 0 < start and not folded[start - 1].isspace() and spans[best][0] - start < width // 3:
            start -= 1  # begin at the start of a word
    end = min(len(text), start + width)
    pieces = ["…" if start else ""]
    at = start
    for left, right in spans:
        if left < start or right > end:
            continue
        pieces += [escape(text[at:left]), "<mark>", escape(text[left:right]), "</mark>"]
        at = right
    pieces += [escape(text[at:end]), "…" if end < len(text) else ""]
    return mark_safe("".join(pieces))  # noqa: S308 — every piece of text above is escaped
