"""The long task lists written in Python (``core.rows``): the committee's overview table and the
member's task cards. Each mirrors the HTML the template wrote row by row."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext

from assignments.models import Task
from core.rows import dmy, pk_url

register = template.Library()

OVERVIEW_ROW = (
    '<tr><td>{}<div class="small text-body-secondary">{}</div></td><td><a href="{}">{}</a></td>'
    '<td class="small">{}{}</td><td>{}</td><td>{}</td><td>{}</td><td class="text-end">{}</td><td>{}</td></tr>'
)


def labels(choices) -> dict[str, str]:
    """A choice's labels in the request's language, translated once (not once per row)."""
    return {value: str(label) for value, label in choices}


@register.simple_tag
def overview_rows(rows, today):
    """The rows of the committee's task table (``assignments/overview.html``), from
    ``assignments.selectors.table_rows``."""
    url = pk_url("assignments:detail")
    overdue = format_html('<span class="badge text-bg-danger">{}</span>', gettext("Overdue"))
    sources, states = labels(Task.Source.choices), labels(Task.State.choices)
    return format_html_join(
        "\n",
        OVERVIEW_ROW,
        (
            (
                row["assignee_name"],
                row["unit_name"] or "",
                url(row["pk"]),
                row["title"],
                sources.get(row["source"], row["source"]),
                format_html('<div class="text-body-secondary">{}</div>', row["source_ref"])
                if row["source_ref"]
                else "",
                dmy(row["due_date"]),
                row["expected_label"],
                overdue if row["state"] == Task.State.OPEN and row["due_date"] < today else states.get(row["state"]),
                row["progress"],
                row["assessed_label"] or "",
            )
            for row in rows
        ),
    )
