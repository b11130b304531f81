from datetime import date

from django.db.models import Count, Q
from django.utils import timezone

from members.models import Cell, Member


def entitled_voters(*, cell: Cell, on: date | None = None):
    """Who is an entitled voter of ``cell`` on ``on`` (default today): domain.md, QĐ 232.

    Exempt members are in this set: they are counted in a meeting's vote base only when
    they attend, which the meeting's attendance decides.
    """
    return Member.objects.filter(cell=cell).entitled_voters(on).with_related()


def member_list(*, cell: Cell, unit=None, status: str = "", role: str = ""):
    """The registry list of a cell, filtered; shaped for the list template."""
    today = timezone.localdate()
    members = Member.objects.filter(cell=cell).select_related("unit")
    if unit is not None:
        members = members.filter(unit=unit)
    if role:
        members = members.filter(role=role)
    members = STATUS_FILTERS.get(status or "active", STATUS_FILTERS["active"])(members, today)
    return members.order_by("full_name", "pk")


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


def member_summary(*, cell: Cell) -> dict:
    """Counts of the cell's active members, in one query: the seed's
    "9 official members: 1 master of law, 8 bachelors; 2 cao cấp, 7 trung cấp LLCT"."""
    today = timezone.localdate()
    official = Q(official_date__isnull=False, official_date__lte=today)
    aggregates = {
        "total": Count("pk"),
        "official": Count("pk", filter=official),
        "probationary": Count("pk", filter=~official),
        "exempt": Count("pk", filter=Q(exempt_since__lte=today)),
    }
    for value, _label in Member.Education.choices:
        aggregates[f"edu_{value}"] = Count("pk", filter=Q(education_level=value))
    for value, _label in Member.Theory.choices:
        aggregates[f"theory_{value}"] = Count("pk", filter=Q(theory_level=value))
    counts = Member.objects.filter(cell=cell).active(today).aggregate(**aggregates)
    return {
        "total": counts["total"],
        "official": counts["official"],
        "probationary": counts["probationary"],
        "exempt": counts["exempt"],
        "education": [(label, counts[f"edu_{v}"]) for v, label in Member.Education.choices if counts[f"edu_{v}"]],
        "theory": [(label, counts[f"theory_{v}"]) for v, label in Member.Theory.choices if counts[f"theory_{v}"]],
    }
