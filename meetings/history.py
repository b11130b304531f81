"""A meeting's history of changes in words: the keys its services log, read as Vietnamese labels.

Keys written today are structured: ``item|<title>|<field>``, ``speech|<name>``, ``attendance|<name>``,
``task|<content>``, the fields of the meeting or of its record, a few named events. Older entries
("speech by …", "<title>: actual minutes", "item <title>: <field>", "task …", a member's name for
attendance) are read too."""

from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from meetings.models import AgendaItem, Attendance, Meeting, MeetingRecord
from members.selectors import field_label, register_history, shown

# The parts of the record a refusal names (services.record.unlocked("…")).
REFUSED = {
    "attendance": gettext_lazy("the attendance"),
    "item record": gettext_lazy("the record of an item"),
    "speech": gettext_lazy("a speech"),
    "resolution": gettext_lazy("the resolution"),
    "minutes": gettext_lazy("the minutes text"),
    "approve": gettext_lazy("the approval"),
    "live": gettext_lazy("the live meeting times"),
    "vote": gettext_lazy("the vote"),
}
EVENTS = {
    "minutes_rebuilt": gettext_lazy("Minutes drafted again from the record (characters)"),
    "minutes_restored": gettext_lazy("Minutes restored to the text kept at"),
}
ITEM_KEYS = {
    "added": gettext_lazy("added"),
    "record": "record",
    "actual minutes": "actual_minutes",
}
MOVES = {"↑": gettext_lazy("up"), "↓": gettext_lazy("down")}


def _has_field(model, key: str) -> bool:
    """A stored field of the model (not a relation from another model, such as a meeting's attendance)."""
    try:
        return model._meta.get_field(key).concrete
    except FieldDoesNotExist:
        return False


def _item_line(title: str, key: str, old, new):
    key = ITEM_KEYS.get(key, key)
    if _has_field(AgendaItem, key):
        what = field_label(AgendaItem, key).lower()
        old, new = shown(old, AgendaItem, key), shown(new, AgendaItem, key)
    else:
        what = str(key)
        old, new = shown(old), shown(new)
    return _("Item “%(title)s”: %(what)s") % {"title": title, "what": what}, old, new


def _attendance(value) -> str:
    return shown(value, Attendance, "status")


def describe(key: str, old, new):
    """One logged change of a meeting in words, or None to read it as a field of the meeting."""
    if _has_field(Meeting, key):
        return None
    if key.startswith("item|"):
        _prefix, title, field = (key.split("|", 2) + ["", ""])[:3]
        return _item_line(title, field, old, new)
    if key.startswith("speech|") or key.startswith("speech by "):
        name = key.split("|", 1)[1] if "|" in key else key[len("speech by ") :]
        return _("Speech by %(name)s") % {"name": name}, shown(old), shown(new)
    if key.startswith("attendance|"):
        return _("Attendance of %(name)s") % {"name": key.split("|", 1)[1]}, _attendance(old), _attendance(new)
    if key.startswith("task|") or key.startswith("task "):
        content = key[5:]
        return _("Resolution task “%(task)s”") % {"task": content}, shown(old), shown(new)
    if key in REFUSED and old is None and new is None:
        return _("Change refused: %(what)s") % {"what": REFUSED[key]}, "—", "—"
    if key in EVENTS:
        return capfirst(str(EVENTS[key])), shown(old), shown(new)
    if key == "removed item":
        return _("Item removed"), shown(old), "—"
    if key == "moved item":
        return _("Item moved"), shown(old), str(MOVES.get(new, new))
    if _has_field(MeetingRecord, key):
        return field_label(MeetingRecord, key), shown(old, MeetingRecord, key), shown(new, MeetingRecord, key)
    if key.startswith("item ") and ": " in key:  # older entries: "item <title>: <field>"
        title, field = key[5:].rsplit(": ", 1)
        return _item_line(title, field, old, new)
    if key.endswith(": record") or key.endswith(": actual minutes"):  # older entries: "<title>: <field>"
        title, field = key.rsplit(": ", 1)
        return _item_line(title, field, old, new)
    statuses = {value for value, _label in Attendance.Status.choices}
    if old in statuses or new in statuses:  # older attendance entries: the member's name as the key
        return _("Attendance of %(name)s") % {"name": key}, _attendance(old), _attendance(new)
    return None


def register() -> None:
    register_history(Meeting, describe)
