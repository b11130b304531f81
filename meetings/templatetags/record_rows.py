"""The record page's long parts written in Python (``core.rows``): the attendance table (a row per
member) and the proceedings (an item per agenda point, with its speeches)."""

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from core.prepared import attached
from core.rows import html, html_join, pk_url
from meetings.models import AgendaItem, Attendance

register = template.Library()


@register.simple_tag
def attendance_rows(rows):
    """The rows of the attendance table (``meetings/record.html``), from ``attendance_sheet``."""
    statuses = {value: str(label) for value, label in Attendance.Status.choices}
    yes, no = gettext("yes"), gettext("no")

    def mark(attendance):
        if attendance is None:
            return "—"
        label = statuses.get(attendance.status, attendance.status)
        return html("{} ({})", label, attendance.reason) if attendance.reason else label

    return html_join(
        "\n",
        '<tr><td>{}</td><td>{}</td><td>{}</td><td class="small">{}</td></tr>',
        ((row.member.full_name, mark(row.attendance), yes if row.counted else no, row.why) for row in rows),
    )


ITEM = (
    '<li class="list-group-item" id="item-{pk}"><div class="d-flex flex-wrap justify-content-between gap-2">'
    '<div class="ms-2 me-auto"><div class="fw-semibold">{title}</div>'
    '<small class="text-body-secondary">{category} · {minutes}{presenter}</small>{record}</div>{button}</div>'
    "{speeches}</li>"
)


SPEECH = '<li class="d-flex flex-wrap gap-2 align-items-start"><span><strong>{}</strong>: {}</span>{}</li>'


@register.simple_tag
def proceedings(meeting, items, editing):
    """The items of the record page with their speeches (``meetings/record.html``); ``editing`` adds
    the record and remove buttons."""
    categories = {value: str(label) for value, label in AgendaItem._meta.get_field("category").choices}
    record_url = pk_url("meetings:item_record", args=2)
    delete_url = pk_url("meetings:speech_delete", args=2)
    record_label, remove_label = gettext("Record"), gettext("Remove")
    parts = []
    for item in items:
        speeches = ""
        if said := attached(item, "speeches"):
            remove = ""
            lines = []
            for speech in said:
                if editing:
                    remove = html(
                        ' <a class="btn btn-sm btn-link text-danger p-0" href="{}">{}</a>',
                        delete_url(meeting.pk, speech.pk),
                        remove_label,
                    )
                lines.append(
                    html(
                        SPEECH,
                        speech.member.full_name,
                        speech.summary,
                        remove,
                    )
                )
            speeches = html('<ul class="small mt-2 mb-1">{}</ul>', mark_safe("".join(lines)))
        minutes = gettext("planned %(planned)s, actual %(actual)s min") % {
            "planned": item.planned_minutes,
            "actual": item.actual_minutes or "—",
        }
        parts.append(
            html(
                ITEM,
                pk=item.pk,
                title=item.title,
                category=categories.get(item.category, item.category),
                minutes=minutes,
                presenter=html(" · {}", item.presenter.full_name) if item.presenter else "",
                record=html('<div class="small mt-1">{}</div>', linebreaksbr(item.record)) if item.record else "",
                button=html(
                    '<a class="btn btn-sm btn-outline-primary align-self-start" href="{}">{}</a>',
                    record_url(meeting.pk, item.pk),
                    record_label,
                )
                if editing
                else "",
                speeches=speeches,
            )
        )
    return mark_safe("\n".join(parts))
