import re
import unicodedata
from collections import Counter
from datetime import date
from functools import lru_cache

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext
from django_otp.plugins.otp_static.models import StaticToken

from core.prepared import Prepared
from members.models import AuditEntry, Cell, Member


def entitled_voters(*, cell: Cell, on: date | None = None):
    """Who is an entitled voter of ``cell`` on ``on`` (default today): domain.md, QĐ 232.

    Exempt members are in this set: they are counted in a meeting's vote base only when
    they attend, which the meeting's attendance decides.
    """
    return Member.objects.filter(cell=cell).entitled_voters(on).with_related()


def member_list(*, cell: Cell, unit=None, status: str = "", role: str = "", with_login: bool = False):
    """The registry list of a cell, filtered; shaped for the list template (and the export: ``with_login``)."""
    today = timezone.localdate()
    if unit is None and not role and status in ("", "active") and not with_login:
        return sorted(active_members(cell.pk, today), key=name_sort_key)  # the list as first opened
    members = Member.objects.filter(cell=cell).select_related("unit", *(["user"] if with_login else []))
    if unit is not None:
        members = members.filter(unit=unit)
    if role:
        members = members.filter(role=role)
    members = STATUS_FILTERS.get(status or "active", STATUS_FILTERS["active"])(members, today)
    return sorted(members, key=name_sort_key)


def active_members(cell_id: int, on: date) -> list[Member]:
    """The cell's members active on ``on``, with their unit (the list, the attendance sheet)."""
    return _active_members(cell=cell_id, on=on)


_active_members = Prepared(  # compiled once per worker (core.prepared)
    lambda cell, on: Member.objects.filter(cell_id=cell).select_related("unit").active(on),
    cell=-7_400_001,
    on=date(1901, 1, 6),
)


# Vietnamese alphabetical order: letters first (ă, â, đ, ê, ô, ơ, ư are letters of their
# own), then tones in dictionary order (ngang, huyền, sắc, hỏi, ngã, nặng).
_LETTERS = ["a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "ô", "ơ"]
_LETTERS += ["p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z"]
_LETTER_RANK = {letter: rank for rank, letter in enumerate(_LETTERS)}
_TONE_RANK = {"\u0300": 1, "\u0301": 2, "\u0309": 3, "\u0303": 4, "\u0323": 5}


@lru_cache(maxsize=4096)  # the same family and middle names come back in every list
def _word_key(word: str) -> tuple:
    letters, tones = [], []
    for char in word.lower():
        decomposed = unicodedata.normalize("NFD", char)
        tone = next((_TONE_RANK[m] for m in decomposed if m in _TONE_RANK), 0)
        letter = unicodedata.normalize("NFC", "".join(m for m in decomposed if m not in _TONE_RANK))
        letters.append(_LETTER_RANK.get(letter, 100 + ord(letter[:1] or " ")))
        tones.append(tone)
    return tuple(letters), tuple(tones)


def name_sort_key(member: Member) -> tuple:
    """Sort as Vietnamese lists do: by given name (the last word), then the whole name."""
    words = member.full_name.split()
    return (_word_key(words[-1]) if words else ((), ()), [_word_key(w) for w in words], member.pk)


STATUS_FILTERS = {
    "active": lambda qs, on: qs.active(on),
    "official": lambda qs, on: qs.active(on).official(on),
    "probationary": lambda qs, on: qs.active(on).probationary(on),
    "exempt": lambda qs, on: qs.active(on).filter(exempt_since__lte=on),
    "hosted": lambda qs, on: qs.active(on).filter(temporary=Member.Temporary.HOSTED),
    "away": lambda qs, on: qs.active(on).away(on),
    "suspended": lambda qs, on: qs.active(on).filter(suspended_since__lte=on),
    "left": lambda qs, on: qs.filter(left_on__lte=on),
    "all": lambda qs, on: qs,
}


def member_summary(*, cell: Cell, active: list[Member] | None = None) -> dict:
    """Counts of the cell's active members, in one query (none when ``active``, the list of them, is at hand):
    the seed's "9 official members: 1 master of law, 8 bachelors; 2 cao cấp, 7 trung cấp LLCT".

    Counted here from four columns of each member (a cell has tens of them): the same query written
    as twenty filtered ``Count`` aggregates took Django longer to build than the list below it."""
    today = timezone.localdate()
    columns = ("official_date", "exempt_since", "education_level", "theory_level")
    if active is not None:
        rows = [tuple(getattr(member, name) for name in columns) for member in active]
    else:
        rows = Member.objects.filter(cell=cell).active(today).values_list(*columns)
    total = official = exempt = 0
    education, theory = Counter(), Counter()
    for official_date, exempt_since, education_level, theory_level in rows:
        total += 1
        official += official_date is not None and official_date <= today
        exempt += exempt_since is not None and exempt_since <= today
        education[education_level] += 1
        theory[theory_level] += 1
    return {
        "total": total,
        "official": official,
        "probationary": total - official,
        "exempt": exempt,
        "education": [(label, education[v]) for v, label in Member.Education.choices if education[v]],
        "theory": [(label, theory[v]) for v, label in Member.Theory.choices if theory[v]],
    }


ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_TIME = re.compile(r"^\d{2}:\d{2}:\d{2}(\.\d+)?$")
LONGEST_SHOWN = 200  # a long text (minutes, an assessment) is cut in the history; the record keeps it whole


def _field_label(model, key: str) -> str:
    """A logged key in words: the field's verbose name when it is one, else the key translated."""
    try:
        return capfirst(model._meta.get_field(key).verbose_name)
    except (FieldDoesNotExist, AttributeError):
        return capfirst(gettext(key.replace("_", " ")))


def shown(value, model=None, key: str = "") -> str:
    """A logged value in words: a stored choice by its label, a date as dd/mm/yyyy, nothing as a dash."""
    return _shown(value, model, key)


def field_label(model, key: str) -> str:
    return _field_label(model, key)


def _shown(value, model=None, key: str = "") -> str:
    try:
        choices = dict(model._meta.get_field(key).flatchoices) if model is not None else {}
    except (FieldDoesNotExist, AttributeError):  # not a field, or a relation from another model
        choices = {}
    if isinstance(value, str | int) and value in choices:  # a stored choice ("published") in words ("đã công bố")
        return str(choices[value])
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, str) and ISO_TIME.match(value):
        return value[:5]
    if isinstance(value, str) and len(value) > LONGEST_SHOWN:
        return value[:LONGEST_SHOWN].rstrip() + "…"
    if isinstance(value, str) and ISO_DATE.match(value):
        try:
            return date.fromisoformat(value).strftime("%d/%m/%Y")
        except ValueError:  # a text that only looks like a date ("2026-13-45")
            return value
    return str(value)


# A model whose log keys are not plain field names (``"item|Title|planned_minutes"``) registers how to
# read them: ``describe(key, old, new) -> (label, old, new) | None`` (None: read it as a field).
HISTORY_DESCRIBERS: dict = {}


def register_history(model, describe) -> None:
    HISTORY_DESCRIBERS[model] = describe


def history_line(model, key: str, old, new) -> tuple[str, str, str]:
    """One logged change in words: the label, the old and the new value."""
    describe = HISTORY_DESCRIBERS.get(model)
    line = describe(key, old, new) if describe else None
    if line is not None:
        return line
    return _field_label(model, key), _shown(old, model, key), _shown(new, model, key)


HISTORY_SHOWN = 50  # the newest entries of a record's history on its page


def history_of(instance) -> list[AuditEntry]:
    """The audit log of one record, newest first, with the actor's name loaded and each change
    in words (``entry.lines``: label, old, new)."""
    model = type(instance)
    entries = _history(content_type=ContentType.objects.get_for_model(instance).pk, object_id=instance.pk)
    for entry in entries:
        entry.lines = [history_line(model, key, old, new) for key, (old, new) in (entry.changes or {}).items()]
    return entries


_history = Prepared(  # every editor page shows it: compiled once per worker (core.prepared)
    lambda content_type, object_id: AuditEntry.objects.filter(
        content_type_id=content_type, object_id=object_id
    ).select_related("actor__member")[:HISTORY_SHOWN],
    content_type=-7_400_011,
    object_id=7_400_000_000_000_012,  # a positive field (core.prepared)
)


def sort_by_name(members) -> list[Member]:
    """Members in Vietnamese order: by given name, then the rest of the name."""
    return sorted(members, key=name_sort_key)


def recovery_codes_left(*, user) -> int:
    """How many of the user's recovery codes (django-otp static tokens) are still unused."""
    return StaticToken.objects.filter(device__user_id=user.pk, device__confirmed=True).count()
