"""Mail to members: Django's mail, in Vietnamese, plain text with an HTML alternative.

Each app calls ``notify_after_commit`` from its own services (meetings: agenda published, minutes
approved; assignments: task assigned and the daily reminders; evaluations: review sheet waiting), so a
mail leaves only once the change it tells of is committed. A mail goes to a member who is active, has
an email address and has not turned its kind off ("Cài đặt của tôi"); each one sent is recorded
(``NotificationSent``), so the same mail about the same thing is never sent twice.

The texts are templates: ``templates/notifications/<kind>_subject.txt``, ``<kind>.txt`` and
``<kind>.html``; their links are absolute, from settings.SITE_URL.
"""

import logging
from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from core.prepared import Prepared
from members.models import Cell, Member, Notification, NotificationSent

logger = logging.getLogger(__name__)

MANAGER_ONLY = {Notification.REVIEW_WAITING}


def kinds_for(member: Member) -> list[Notification]:
    """The kinds of mail a member can receive, for their settings page."""
    return [kind for kind in Notification if kind not in MANAGER_ONLY or member.may_manage]


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def without_email(cell: Cell) -> list[Member]:
    """Active members of the cell who receive no mail: their login has no email address. Only their names
    are read (the members list names them for the secretary)."""
    return _without_email(cell=cell.pk, on=timezone.localdate())


_without_email = Prepared(  # on the members list as first opened: compiled once per worker (core.prepared)
    lambda cell, on: Member.objects.filter(cell_id=cell).active(on).filter(user__email="").only("full_name"),
    cell=-7_400_021,
    on=date(1901, 1, 8),
)


def _recipients(kind: str, members: Iterable[Member]) -> list[Member]:
    pks = [m.pk for m in members]
    people = (
        Member.objects.filter(pk__in=pks, user__is_active=True)
        .active()
        .exclude(user__email="")
        .exclude(notification_opt_outs__kind=kind)
        .select_related("user", "cell")
    )
    return list(people)


def _message(kind: str, member: Member, context: dict) -> EmailMultiAlternatives:
    context = {**context, "member": member, "cell": member.cell, "site_url": settings.SITE_URL}
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"notifications/{kind}_subject.txt", context).split())
        text = render_to_string(f"notifications/{kind}.txt", context)
        html = render_to_string(f"notifications/{kind}.html", context)
    message = EmailMultiAlternatives(subject, text, to=[member.user.email])
    message.attach_alternative(html, "text/html")
    return message


def notify(*, kind: str, members: Iterable[Member], key: str, context: dict) -> int:
    """Send the mail ``kind`` about ``key`` to each of ``members`` who should get it and has not yet;
    returns how many were sent. A mail that fails is logged and left unrecorded, to go at the next try."""
    sent = 0
    connection = get_connection()
    for member in _recipients(kind, members):
        record, created = NotificationSent.objects.get_or_create(member=member, kind=kind, key=key)
        if not created:
            continue
        try:
            connection.send_messages([_message(kind, member, context)])
        except Exception:  # a mail server down must not undo or break what the member just did
            logger.exception("Mail %s about %s to member %s failed", kind, key, member.pk)
            record.delete()
        else:
            sent += 1
    return sent


def notify_after_commit(*, kind: str, members: Iterable[Member], key: str, context: dict) -> None:
    """``notify`` once the current transaction commits (nothing is sent if it rolls back)."""
    members = list(members)
    transaction.on_commit(lambda: notify(kind=kind, members=members, key=key, context=context))
