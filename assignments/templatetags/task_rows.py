"""The long task lists written in Python (``core.rows``): the committee's overview table and the
member's task cards. Each mirrors the HTML the template wrote row by row."""

from datetime import timedelta

from django import template
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from assignments.models import Task
from core.rows import dmy, html, html_join, pk_url

register = template.Library()

OVERVIEW_ROW = (
    '<tr><td>{}<div class="small text-body-secondary">{}</div></td><td><a href="{}">{}</a></td>'
    '<td class="small">{}{}</td><td>{}</td><td>{}</td><td>{}</td><td class="text-end">{}</td><td>{}</td></tr>'
)


@register.simple_tag
def count_rows(counts):
    """The committee overview's counts per member (``assignments.selectors.counts_by_member``)."""
    return html_join(
        "\n",
        '<tr><th scope="row" class="fw-normal">{}</th><td class="text-end">{}</td><td class="text-end{}">{}</td>'
        '<td class="text-end">{}</td><td class="text-end">{}</td><td class="text-end">{}</td></tr>',
        (
            (
                row.member.full_name,
                row.open,
                " text-danger fw-semibold" if row.overdue else "",
                row.overdue,
                row.on_time,
                row.late,
                row.not_done,
            )
            for row in counts
        ),
    )


def labels(choices) -> dict[str, str]:
    """A choice's labels in the request's language, translated once (not once per row)."""
    return {value: str(label) for value, label in choices}


@register.simple_tag
def overview_rows(rows, today):
    """The rows of the committee's task table (``assignments/overview.html``), from
    ``assignments.selectors.table_rows``."""
    url = pk_url("assignments:detail")
    overdue = html('<span class="badge text-bg-danger">{}</span>', gettext("Overdue"))
    sources, states = labels(Task.Source.choices), labels(Task.State.choices)
    return html_join(
        "\n",
        OVERVIEW_ROW,
        (
            (
                row["assignee_name"],
                row["unit_name"] or "",
                url(row["pk"]),
                row["title"],
                sources.get(row["source"], row["source"]),
                html('<div class="text-body-secondary">{}</div>', row["source_ref"]) if row["source_ref"] else "",
                dmy(row["due_date"]),
                row["expected_label"],
                overdue if row["state"] == Task.State.OPEN and row["due_date"] < today else states.get(row["state"]),
                row["progress"],
                row["assessed_label"] or "",
            )
            for row in rows
        ),
    )


CARD = (
    '<li class="list-group-item task-card{}"><div class="d-flex flex-wrap justify-content-between gap-2">'
    '<a class="fw-semibold" href="{}">{}</a> <span>{}</span></div>'
    '<div class="small text-body-secondary">{}</div>{}</li>'
)


@register.simple_tag
def task_cards(tasks, due_soon_days):
    """The member's tasks as cards (``assignments/mine.html``): title, due date, state badges, progress.
    ``due_soon_days`` is the cell's ``task_due_soon_days``."""
    url = pk_url("assignments:detail")
    today = timezone.localdate()
    soon = today + timedelta(days=due_soon_days)
    states = labels(Task.State.choices)
    overdue = html('<span class="badge text-bg-danger">{}</span>', gettext("Overdue"))
    due_soon = html('<span class="badge text-bg-warning">{}</span>', gettext("Due soon"))
    high = html(' <span class="badge text-bg-dark">{}</span>', gettext("High priority"))
    progress_label = gettext("Progress")
    cards = []
    for task in tasks:
        is_open = task.state == Task.State.OPEN
        if is_open and task.due_date < today:
            mark, badge = " task-overdue", overdue
        elif is_open and task.due_date <= soon:
            mark, badge = " task-due-soon", due_soon
        else:
            mark = ""
            badge = "" if is_open else html('<span class="badge text-bg-secondary">{}</span>', states[task.state])
        line = [
            gettext("Due %(due)s · expected: %(level)s")
            % {"due": dmy(task.due_date), "level": task.expected_level.label}
        ]
        if task.done_on:
            line.append(gettext("done %(done)s") % {"done": dmy(task.done_on)})
        if task.assessed_level:
            line.append(gettext("assessed: %(level)s") % {"level": task.assessed_level.label})
        progress = (
            html(
                '<progress class="task-progress" max="100" value="{0}" aria-label="{1}">{0}%</progress> '
                '<span class="small">{0}%</span>',
                task.progress,
                progress_label,
            )
            if is_open
            else ""
        )
        cards.append(
            html(
                CARD,
                mark,
                url(task.pk),
                task.title,
                html("{}{}", badge, high if task.priority == Task.Priority.HIGH else ""),
                " · ".join(line),
                progress,
            )
        )
    return mark_safe("\n".join(cards))


@register.simple_tag
def review_list(tasks):
    """The tasks a meeting reviews, one line each (``assignments/includes/_review.html``)."""
    url = pk_url("assignments:detail")

    def level(task, outcome: str) -> str:  # the level reached, unless the outcome already says it ("not done")
        label = task.assessed_level.label if task.assessed_level else ""
        return f" ({label})" if label and label.casefold() != outcome.casefold() else ""

    return html_join(
        "\n",
        '<li><a href="{}">{}</a> — {}, {}: {}{}</li>',
        (
            (
                url(task.pk),
                task.title,
                task.assignee_name,
                gettext("due %(due)s") % {"due": dmy(task.due_date)},
                outcome,
                level(task, outcome),
            )
            for task in tasks
            for outcome in [task.outcome]
        ),
    )
