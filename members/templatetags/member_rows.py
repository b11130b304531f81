"""The members list's rows written in Python (``core.rows``): the template spent about 1,500 calls
on each row (an include for the status badges, a reverse, three choice labels)."""

from django import template
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from core.rows import html, pk_url
from members.models import Member

register = template.Library()

ROW = (
    '<tr><td>{}</td><td class="hide-sm">{}</td><td>{}</td><td class="hide-sm">{}</td>'
    '<td class="hide-sm">{}</td><td class="hide-sm">{}</td></tr>'
)


def status_badges(member: Member, today) -> str:
    """A member's status badges: left, exempt, hosted, away, suspended, detained."""
    badges = []
    if member.left_on and member.left_on <= today:
        badges.append(
            html(
                '<span class="badge text-bg-secondary">{} {}</span>',
                gettext("Left"),
                date_format(member.left_on, "SHORT_DATE_FORMAT"),
            )
        )
    if member.exempt_since and member.exempt_since <= today:
        badges.append(html('<span class="badge text-bg-info">{}</span>', gettext("Exempt")))
    if member.temporary == Member.Temporary.HOSTED:
        badges.append(html('<span class="badge text-bg-light border">{}</span>', gettext("Hosted here")))
    if member.temporary == Member.Temporary.AWAY:
        badges.append(html('<span class="badge text-bg-light border">{}</span>', gettext("Held elsewhere")))
    if member.suspended_since and member.suspended_since <= today:
        badges.append(html('<span class="badge text-bg-warning">{}</span>', gettext("Suspended")))
    if member.detained_since and member.detained_since <= today:
        badges.append(html('<span class="badge text-bg-danger">{}</span>', gettext("Prosecuted or detained")))
    return mark_safe(" ".join(badges))


@register.simple_tag
def member_rows(members, viewer, today):
    """The rows of the members list (``members/list.html``); ``viewer`` is the acting member: a name
    links to the record for the committee, and for oneself."""
    url = pk_url("members:detail")
    roles = {value: str(label) for value, label in Member.Role.choices}
    theory = {value: str(label) for value, label in Member._meta.get_field("theory_level").choices}
    official, probationary = gettext("Official"), gettext("Probationary")
    rows = []
    for member in members:
        name = member.full_name
        if viewer.may_prepare or member.pk == viewer.pk:
            name = html('<a href="{}">{}</a>', url(member.pk), name)
        rows.append(
            html(
                ROW,
                name,
                member.unit if member.unit else "—",
                roles.get(member.role, member.role),
                official if member.is_official_on(today) else probationary,
                theory.get(member.theory_level, member.theory_level),
                status_badges(member, today),
            )
        )
    return mark_safe("\n".join(rows))
