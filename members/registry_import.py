"""Checking an imported list of members before anything is saved: every row, every column, against the
cell's registry as it stands, and the rows against each other. The result is either the members to create
or the list of mistakes by row and column; ``members.services.members_import`` saves the first, all at once.

The registry is loaded once (units, who is already in the cell, party card numbers, login names in use):
checking 500 rows takes the same four queries as checking one.
"""

import re
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from members.forms import MemberImportRowForm
from members.models import Cell, Member, Unit
from members.registry_xlsx import BY_KEY, COLUMNS, SheetRow, plain

ERRORS_SHOWN = 300  # mistakes listed on the page; the count says how many more


@dataclass
class RegistryFacts:
    """What the rows are checked against, loaded once."""

    units: dict  # plain(name) → Unit
    cards: set  # party card numbers in use in the cell
    has_secretary: bool
    people: dict  # (plain(full name), date of birth) → the member already in the cell
    usernames: set  # login names in use (lower case) that a row could take


@dataclass(frozen=True)
class RowError:
    row: int  # as Excel numbers it
    column: str  # the header
    value: str
    message: str


@dataclass
class ImportRow:
    """A checked row: the member to create (unsaved) and their login's name and address."""

    number: int
    member: Member
    username: str
    email: str
    generated: bool  # the login name was made from the name


@dataclass
class Checked:
    rows: list[ImportRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def login_base(full_name: str) -> str:
    """A login name from a name without accents: family name and given name ("Nguyễn Văn An" → "nguyenan"),
    as the demo's logins read."""
    words = [re.sub(r"[^a-z0-9]", "", plain(word)) for word in full_name.split()]
    words = [word for word in words if word]
    if not words:
        return "dangvien"
    base = words[0] + words[-1] if len(words) > 1 else words[0]
    return base[:30]


def load_facts(cell: Cell, rows: list[SheetRow]) -> RegistryFacts:
    units = {plain(unit.name): unit for unit in Unit.objects.filter(cell=cell)}
    existing = list(Member.objects.filter(cell=cell).values_list("full_name", "date_of_birth", "party_card_number"))
    secretary = Member.objects.filter(cell=cell, role=Member.Role.SECRETARY, left_on__isnull=True).exists()
    wanted = {row.values.get("username", "").strip().lower() for row in rows} - {""}
    bases = {login_base(row.values.get("full_name", "")) for row in rows}
    match = reduce(or_, (Q(lower__startswith=base) for base in sorted(bases)), Q(lower__in=wanted))
    usernames = set(
        get_user_model().objects.annotate(lower=Lower("username")).filter(match).values_list("lower", flat=True)
    )
    return RegistryFacts(
        units=units,
        cards={card for _name, _born, card in existing if card},
        has_secretary=secretary,
        people={(plain(name), born): name for name, born, _card in existing},
        usernames=usernames,
    )


def _shown(row: SheetRow, key: str) -> str:
    return row.values.get(key, "")


def check_rows(*, cell: Cell, rows: list[SheetRow]) -> Checked:
    """Every row checked as the member form would, then against the registry and each other."""
    facts = load_facts(cell, rows)
    checked = Checked()
    seen_people, seen_cards, seen_logins, secretary_row = {}, {}, {}, None
    for row in rows:
        errors = []

        def error(key, message, row=row, errors=errors):
            label = BY_KEY[key].header if key in BY_KEY else "—"
            errors.append(RowError(row.number, label, _shown(row, key) if key in BY_KEY else "", str(message)))

        data = dict(row.values)
        for key, reference in row.formulas.items():
            error(key, _("Cell %(cell)s holds a formula: write its value instead.") % {"cell": reference})
            data[key] = ""
        form = MemberImportRowForm(data, cell=cell, facts=facts)
        valid = form.is_valid()
        cleaned = form.cleaned_data
        if cleaned.get("full_name") and cleaned.get("date_of_birth"):
            person = (plain(cleaned["full_name"]), cleaned["date_of_birth"])
            born = date_format(cleaned["date_of_birth"], "d/m/Y")
            if person in facts.people or person in seen_people:
                # A member already listed: the row's other mistakes (their login name, the secretary) follow
                # from that, and the row is to be deleted, not corrected.
                errors.clear()
                if person in facts.people:
                    error("full_name", _("Already in the cell's list (born %(born)s).") % {"born": born})
                else:
                    error("full_name", _("The same member as row %(row)s.") % {"row": seen_people[person]})
                checked.errors.extend(errors)
                continue
            seen_people[person] = row.number
        for key, messages in form.errors.items():
            if key in row.formulas:
                continue
            for message in messages:
                error(key if key in BY_KEY else "", message)
        card = cleaned.get("party_card_number")
        if card and card in seen_cards:
            error("party_card_number", _("The same card number as row %(row)s.") % {"row": seen_cards[card]})
        elif card:
            seen_cards[card] = row.number
        if cleaned.get("role") == Member.Role.SECRETARY and "role" not in form.errors:
            if secretary_row is not None:
                error("role", _("Row %(row)s is already the secretary: a cell has one.") % {"row": secretary_row})
            secretary_row = secretary_row or row.number
        username = cleaned.get("username", "")
        if username and username.lower() in seen_logins:
            error("username", _("The same login name as row %(row)s.") % {"row": seen_logins[username.lower()]})
        elif username:
            seen_logins[username.lower()] = row.number
        if valid and not errors:
            checked.rows.append(
                ImportRow(row.number, form.instance, username, cleaned["email"], generated=not username)
            )
        checked.errors.extend(errors)
    taken = facts.usernames | set(seen_logins)
    for item in checked.rows:
        if item.generated:
            item.username = _free_login(login_base(item.member.full_name), taken)
            taken.add(item.username)
    order = {column.header: index for index, column in enumerate(COLUMNS)}
    checked.errors.sort(key=lambda e: (e.row, order.get(e.column, -1)))
    if checked.errors:
        checked.rows = []
    return checked


def _free_login(base: str, taken: set) -> str:
    if base not in taken:
        return base
    number = 2
    while f"{base}{number}" in taken:
        number += 1
    return f"{base}{number}"
