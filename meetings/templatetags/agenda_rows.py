"""The agenda's items written in Python (``core.rows``): an item's text (about 700 calls an item in the
template) and, in the editor, its buttons (four URLs, two forms with their tokens and three translated
labels: 40 % of the editor's template)."""

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils.translation import gettext

from core.rows import html, html_join, pk_url
from core.submissions import FIELD, new_token

register = template.Library()

BUTTONS = (
    '<div class="d-flex gap-1">'
    '<form method="post" action="{up}">{csrf}<input type="hidden" name="{field}" value="{token_up}">'
    '<input type="hidden" name="version" value="{version}"><button class="btn btn-sm btn-outline-secondary" '
    'type="submit" aria-label="{up_label}">↑</button></form>'
    '<form method="post" action="{down}">{csrf}<input type="hidden" name="{field}" value="{token_down}">'
    '<input type="hidden" name="version" value="{version}"><button class="btn btn-sm btn-outline-secondary" '
    'type="submit" aria-label="{down_label}">↓</button></form>'
    '<a class="btn btn-sm btn-outline-primary" href="{edit}">{edit_label}</a>'
    '<a class="btn btn-sm btn-outline-danger" href="{delete}" aria-label="{delete_label}">{remove}</a>'
    "</div>"
)


class Buttons:
    """What every item's buttons share, worked out once per page."""

    def __init__(self, context, meeting):
        token = context.get("csrf_token")
        self.csrf = html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token) if token else ""
        self.meeting = meeting
        self.urls = {name: pk_url(f"meetings:item_{name}", args=2) for name in ("up", "down", "edit", "delete")}
        self.edit, self.remove = gettext("Edit"), gettext("Remove")

    def render(self, item):
        pks = (self.meeting.pk, item.pk)
        return html(
            BUTTONS,
            csrf=self.csrf,
            field=FIELD,
            version=self.meeting.version,
            up=self.urls["up"](*pks),
            token_up=new_token(),
            up_label=gettext("Move up: %(title)s") % {"title": item.title},
            down=self.urls["down"](*pks),
            token_down=new_token(),
            down_label=gettext("Move down: %(title)s") % {"title": item.title},
            edit=self.urls["edit"](*pks),
            edit_label=self.edit,
            delete=self.urls["delete"](*pks),
            delete_label=gettext("Remove: %(title)s") % {"title": item.title},
            remove=self.remove,
        )


@register.simple_tag(takes_context=True)
def item_buttons(context, meeting, item):
    """The up, down, edit and remove buttons of one agenda item (``meetings/includes/_agenda.html``)."""
    buttons = context.render_context.get("agenda_buttons")
    if buttons is None:
        buttons = context.render_context["agenda_buttons"] = Buttons(context, meeting)
    return buttons.render(item)


@register.simple_tag
def item_text(item):
    """An agenda item's title, category, planned time, presenter, notes and guiding documents."""
    documents = item.documents.all()
    return html(
        '<div>{}</div><small class="text-body-secondary">{} · {} {}{}</small>{}{}',
        item.title,
        item.get_category_display(),
        item.planned_minutes,
        gettext("min"),
        html(" · {}", item.presenter) if item.presenter else "",
        html('<div class="small">{}</div>', linebreaksbr(item.notes)) if item.notes else "",
        html_join("", '<span class="badge text-bg-light border">{}</span> ', ((doc.number,) for doc in documents)),
    )
