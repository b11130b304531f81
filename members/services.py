import secrets
from datetime import date

from axes.utils import reset as axes_reset
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Max
from django.utils import translation
from django.utils.translation import gettext, gettext_noop
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from members.models import AuditEntry, Cell, Member, NotificationOptOut


def _jsonable(value):
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, models.QuerySet | list | tuple | set):  # documents of an item … by their names
        return ", ".join(str(v) for v in value)
    return str(value)


def audit_record(*, actor, cell: Cell, instance: models.Model, action: str, changes: dict | None = None) -> AuditEntry:
    """Write one audit-log row. ``changes`` maps a field name to ``[old, new]``."""
    return AuditEntry.objects.create(
        cell=cell,
        actor=actor,
        action=action,
        content_type=ContentType.objects.get_for_model(instance),
        object_id=instance.pk,
        object_repr=str(instance)[:300],
        changes={field: [_jsonable(old), _jsonable(new)] for field, (old, new) in (changes or {}).items()},
    )


@transaction.atomic
def member_create(*, cell: Cell, member: Member, username: str, password: str, by) -> Member:
    """Create a member of ``cell`` (an unsaved ``Member`` from the form) with its login."""
    user = get_user_model().objects.create_user(username=username, password=password)
    member.cell = cell
    member.user = user
    member.save()
    audit_record(actor=by, cell=cell, instance=member, action=AuditEntry.Action.CREATE)
    return member


def new_password() -> str:
    """An initial password to hand to a member, who changes it after the first login: three groups of four
    letters and digits, none easily confused (0/o, 1/l)."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(3))


class PasswordResetRefused(Exception):
    """A login the secretary may not give a new password to (a member who left, their own)."""


def password_reset_refusal(*, member: Member, by) -> str:
    """Why ``by`` may not give ``member`` a new password, or nothing: a member who left keeps a closed login,
    one's own password is changed on the password page (with the old one), and the deputy does not give the
    secretary's."""
    if not member.is_active:
        return gettext("%(name)s has left the cell: their login stays closed.") % {"name": member.full_name}
    if member.user_id == by.pk:
        return gettext("Change your own password on the password page.")
    if member.role == Member.Role.SECRETARY:  # the deputy does not take over the secretary's login
        return gettext("The secretary's password is changed by the secretary, or set again by the administrator.")
    return ""


@transaction.atomic
def member_password_reset(*, member: Member, by) -> str:
    """A new initial password for a member who forgot theirs or was imported without a login, returned to be
    shown once. The old password stops working and so do the member's open sessions (Django checks the password in
    each); lockouts after wrong passwords are lifted. The member's history records that it was given and by whom,
    never the password."""
    if refusal := password_reset_refusal(member=member, by=by):
        raise PasswordResetRefused(refusal)
    password = new_password()
    member.user.set_password(password)
    member.user.save(update_fields=["password"])
    axes_reset(username=member.user.get_username())
    audit_record(
        actor=by,
        cell=member.cell,
        instance=member,
        action=AuditEntry.Action.UPDATE,
        changes={gettext_noop("new initial password given"): (None, True)},
    )
    return password


@transaction.atomic
def members_import(*, cell: Cell, rows: list, logins: bool, filename: str, by) -> list[tuple[Member, str]]:
    """Create every checked row (``members.registry_import.ImportRow``) as a member of ``cell``, all or none.

    Each member gets a login (a member is a login): with ``logins``, a new initial password each, returned to
    be shown once, as the secretary hands out the one typed in the member form; without, a login that cannot
    be used until a password is set. Each new member's history and the cell's log record the import.
    """
    User = get_user_model()
    users, passwords = [], []
    for row in rows:
        user = User(username=User.normalize_username(row.username), email=User.objects.normalize_email(row.email))
        password = new_password() if logins else ""
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        users.append(user)
        passwords.append(password)
    User.objects.bulk_create(users)
    members = []
    for row, user in zip(rows, users, strict=True):
        row.member.cell, row.member.user = cell, user
        members.append(row.member)
    Member.objects.bulk_create(members)
    member_type = ContentType.objects.get_for_model(Member)
    AuditEntry.objects.bulk_create(
        AuditEntry(
            cell=cell,
            actor=by,
            action=AuditEntry.Action.CREATE,
            content_type=member_type,
            object_id=member.pk,
            object_repr=str(member)[:300],
            changes={gettext_noop("imported from a file"): [None, filename]},
        )
        for member in members
    )
    audit_record(
        actor=by,
        cell=cell,
        instance=cell,
        action=AuditEntry.Action.UPDATE,
        changes={gettext_noop("members imported from a file"): (None, f"{len(members)} ({filename})")},
    )
    return list(zip(members, passwords, strict=True))


@transaction.atomic
def member_update(*, member: Member, changes: dict, by) -> Member:
    """Save edits already applied to ``member``; ``changes`` maps field → (old, new)."""
    member.save()
    if changes:
        audit_record(actor=by, cell=member.cell, instance=member, action=AuditEntry.Action.UPDATE, changes=changes)
    return member


@transaction.atomic
def member_transfer_out(*, member: Member, on: date, reason: str, by) -> Member:
    """Record that a member left the cell; their login stops working."""
    member.left_on = on
    member.left_reason = reason
    member.save(update_fields=["left_on", "left_reason", "updated_at"])
    member.user.is_active = False
    member.user.save(update_fields=["is_active"])
    audit_record(
        actor=by,
        cell=member.cell,
        instance=member,
        action=AuditEntry.Action.TRANSFER,
        changes={"left_on": (None, on), "left_reason": ("", reason)},
    )
    return member


RECOVERY_CODES = 10


def authenticator_pending(*, user) -> TOTPDevice:
    """The authenticator app being set up for ``user``: the same key until its first code confirms it."""
    device = TOTPDevice.objects.filter(user_id=user.pk, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


@transaction.atomic
def authenticator_confirm(*, device: TOTPDevice) -> list[str]:
    """Confirm the app ``device`` whose first code was right: it replaces the user's other devices, and
    ten new recovery codes (each good once) replace the old ones. Returns the codes, shown once."""
    TOTPDevice.objects.filter(user_id=device.user_id).exclude(pk=device.pk).delete()
    StaticDevice.objects.filter(user_id=device.user_id).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    recovery = StaticDevice.objects.create(user_id=device.user_id, name="recovery", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=recovery, token=code) for code in codes)
    return codes


def swap_with_neighbour(siblings, item, up: bool) -> None:
    """Move ``item`` one place up or down among ``siblings`` and renumber them 1, 2, 3 …"""
    siblings = list(siblings.order_by("position", "pk"))
    index = next(i for i, s in enumerate(siblings) if s.pk == item.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(siblings):
        siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, sibling in enumerate(siblings, start=1):
        if sibling.position != position:
            sibling.position = position
            sibling.save(update_fields=["position"])


# The cell's ordered settings: the standard order, the scoring sheet, the scales of tasks and reviews ------


def _siblings(row):
    """The rows ``row`` is ordered among: the cell's rows of its model, within ``ordered_within`` fields
    (the standard order's steps are ordered within their section)."""
    scope = {name: getattr(row, name) for name in getattr(row, "ordered_within", ())}
    return type(row).objects.filter(cell=row.cell, **scope)


@transaction.atomic
def setting_row_save(*, cell: Cell, row, changes: dict, by):
    """Add or change a row of one of the cell's ordered settings; only later records use it."""
    created = row.pk is None
    if created:
        row.cell = cell
        row.position = (_siblings(row).aggregate(last=Max("position"))["last"] or 0) + 1
    row.save()
    action = AuditEntry.Action.CREATE if created else AuditEntry.Action.UPDATE
    audit_record(actor=by, cell=cell, instance=row, action=action, changes=changes)
    return row


@transaction.atomic
def setting_row_delete(*, row, by) -> None:
    audit_record(actor=by, cell=row.cell, instance=row, action=AuditEntry.Action.DELETE)
    row.delete()


@transaction.atomic
def setting_row_move(*, row, up: bool) -> None:
    swap_with_neighbour(_siblings(row), row, up)


@transaction.atomic
def my_settings_save(*, member: Member, email: str, turned_off: set[str], kinds: list) -> dict:
    """A member's own mail settings: the address, and the kinds of mail turned off (logged)."""
    changes = {}
    user = member.user
    if user.email != email:
        changes[gettext_noop("email address")] = (user.email, email)
        user.email = email
        user.save(update_fields=["email"])
    before = set(member.notification_opt_outs.values_list("kind", flat=True))
    shown = {kind.value for kind in kinds}
    for kind in kinds:
        was_on, now_on = kind.value not in before, kind.value not in turned_off
        if was_on != now_on:
            with translation.override(None):  # logged by its English words, shown translated (history_of)
                changes[str(kind.label)] = (was_on, now_on)
    member.notification_opt_outs.filter(kind__in=shown - turned_off).delete()
    NotificationOptOut.objects.bulk_create(
        [NotificationOptOut(member=member, kind=kind) for kind in turned_off - before], ignore_conflicts=True
    )
    if changes:
        audit_record(actor=user, cell=member.cell, instance=member, action=AuditEntry.Action.UPDATE, changes=changes)
    return changes


@transaction.atomic
def cell_join_organisation(*, cell: Cell, organisation, by=None) -> Cell:
    """The cell comes under ``organisation``: its officers read the cell, and the cell's documents name it
    as the superior party committee (``superior_name``, kept equal to the organisation's name)."""
    changes = {}
    if cell.organisation_id != organisation.pk:
        changes["organisation"] = (str(cell.organisation) if cell.organisation_id else "", str(organisation))
    if cell.superior_name != organisation.name:
        changes["superior_name"] = (cell.superior_name, organisation.name)
    if changes:
        cell.organisation, cell.superior_name = organisation, organisation.name
        cell.save(update_fields=["organisation", "superior_name"])
        audit_record(actor=by, cell=cell, instance=cell, action=AuditEntry.Action.UPDATE, changes=changes)
    return cell
