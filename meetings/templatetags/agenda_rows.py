"""The agenda written in Python (``core.rows``): its sections, each item's text (about 700 calls an item in the
template) and, in the editor, its buttons (four URLs, a form with its token and three translated labels). What
every item shares is escaped and translated once per page; each value of an item is escaped where it is written."""

from itertools import groupby

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from core.prepared import attached
from core.rows import escape, html, pk_url
from core.submissions import FIELD, new_token
from meetings.models import Category, Section

register = template.Library()

BUTTONS = (  # up and down are two buttons of one form, each sending it to its own address
    '<div class="d-flex gap-1">'
    '<form method="post" action="{up}" class="d-flex gap-1">{csrf}<input type="hidden" name="{field}" value="{token}">'
    '<input type="hidden" name="version" value="{version}"><button class="btn btn-sm btn-outline-secondary" '
    'type="submit" aria-label="{up_label}">↑</button><button class="btn btn-sm btn-outline-secondary" '
    'type="submit" formaction="{down}" aria-label="{down_label}">↓</button></form>'
    '<a class="btn btn-sm btn-outline-primary" href="{edit}">{edit_label}</a>'
    '<a class="btn btn-sm btn-outline-danger" href="{delete}" aria-label="{delete_label}">{remove}</a>'
    "</div>"
)
ITEM = (
    '<li class="list-group-item d-flex flex-wrap justify-content-between align-items-start gap-2" id="item-{pk}">'
    '<div class="ms-2 me-auto"><div>{title}</div><small class="text-body-secondary">{category} · {minutes} {min}'
    "{presenter}</small>{notes}{documents}{below}</div>{buttons}</li>"
)
DOCUMENT = '<span class="badge text-bg-light border">{}</span> '


class Buttons:
    """What every item's buttons share, escaped and translated once per page; an item adds its addresses
    (digits only), a new token (URL-safe characters) and its escaped title."""

    def __init__(self, context, meeting):
        token = context.get("csrf_token")
        self.meeting = meeting
        self.urls = {name: pk_url(f"meetings:item_{name}", args=2) for name in ("up", "down", "edit", "delete")}
        shared = {
            "csrf": html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token) if token else "",
            "field": FIELD,
            "version": meeting.version,
            "edit_label": gettext("Edit"),
            "remove": gettext("Remove"),
            "up_label": gettext("Move up: %(title)s"),
            "down_label": gettext("Move down: %(title)s"),
            "delete_label": gettext("Remove: %(title)s"),
        }
        # Escaped once (braces doubled, to stay as they are), then filled per item.
        fixed = {name: html("{}", value).replace("{", "{{").replace("}", "}}") for name, value in shared.items()}
        each = {name: f"{{{name}}}" for name in ("up", "token", "down", "edit", "delete")}
        self.row = BUTTONS.format(**fixed, **each).replace("%(title)s", "{title}")

    def render(self, item, title: str) -> str:
        """``title``: the item's title, escaped."""
        pks = (self.meeting.pk, item.pk)
        return self.row.format(
            up=self.urls["up"](*pks),
            token=new_token(),
            down=self.urls["down"](*pks),
            edit=self.urls["edit"](*pks),
            delete=self.urls["delete"](*pks),
            title=title,
        )


# Under an item, for the committee: what the meeting reviews (the carry-over) and the confirmed proposals.
BELOW = {
    "carry_over": ("due_tasks", "assignments/includes/_review.html"),
    "praise_criticism": ("proposals", "evaluations/includes/_proposals.html"),
}


@register.simple_tag(takes_context=True)
def agenda_list(context, meeting, editing):
    """The agenda's sections with their items (``meetings/includes/_agenda.html``): each item's title, category,
    planned time, presenter, notes and guiding documents; in the editor, its buttons and a link to add an item
    to each section."""
    items = meeting.items.all()
    if not items:
        return html('<p class="text-body-secondary">{}</p>', gettext("The agenda is empty."))
    categories = {value: escape(label) for value, label in Category.choices}
    sections = {value: str(label) for value, label in Section.choices}
    minutes = escape(gettext("min"))
    buttons = Buttons(context, meeting) if editing else None
    add_url = pk_url("meetings:item_add")(meeting.pk)
    parts = []
    for section, rows in groupby(items, key=lambda item: item.section):
        name = sections.get(section, str(section))
        parts.append(
            html('<h3 class="h6 mt-3 text-uppercase">{}</h3><ol class="list-group list-group-numbered">', name)
        )
        for item in rows:
            below = ""
            if item.key in BELOW:
                variable, template_name = BELOW[item.key]
                if context.get(variable):
                    below = context.template.engine.get_template(template_name).render(context)
            title = escape(item.title)
            parts.append(
                ITEM.format(
                    pk=item.pk,
                    title=title,
                    category=categories.get(item.category) or escape(item.category),
                    minutes=item.planned_minutes,
                    min=minutes,
                    presenter=" · " + escape(str(item.presenter)) if item.presenter else "",
                    notes=html('<div class="small">{}</div>', linebreaksbr(item.notes)) if item.notes else "",
                    documents="".join(DOCUMENT.format(escape(doc.number)) for doc in attached(item, "documents")),
                    below=below,
                    buttons=buttons.render(item, title) if buttons else "",
                )
            )
        parts.append("</ol>")
        if editing:
            label = gettext("Add an item to “%(section)s”") % {"section": name.lower()}
            parts.append(html('<p class="mt-1 mb-0 small"><a href="{}?section={}">{}</a></p>', add_url, section, label))
    return mark_safe("".join(parts))
