"""The mail the assignments app sends (members.notifications): a task assigned (after commit) and the
daily reminders of ``manage.py send_reminders`` (due in the cell's ``task_reminder_days``, overdue)."""

from datetime import date, timedelta

from assignments.models import Task
from members.models import Notification
from members.notifications import absolute, notify, notify_after_commit

MAX_DAYS = 60  # the largest reminder the cell setting allows (Cell.task_reminder_days)


def task_assigned(task: Task) -> None:
    """The assignee: what, by when, and where to report."""
    notify_after_commit(
        kind=Notification.TASK_ASSIGNED,
        members=[task.assignee],
        key=f"task:{task.pk}",
        context={"task": task, "link": absolute(task.get_absolute_url())},
    )


def send_reminders(on: date) -> dict[str, int]:
    """Remind each assignee of their open tasks due within the cell's reminder days, and of those overdue.

    Each reminder goes once per task and due date (an extended task is reminded again of its new date),
    so a second run the same day, or the next day, sends nothing already sent."""
    sent = {Notification.TASK_DUE_SOON: 0, Notification.TASK_OVERDUE: 0}
    tasks = Task.objects.open().select_related("assignee", "cell").order_by("due_date", "pk")
    soon = [t for t in tasks.filter(due_date__gte=on, due_date__lte=on + timedelta(days=MAX_DAYS))]
    due_soon = [t for t in soon if (t.due_date - on).days <= t.cell.task_reminder_days]
    for kind, rows in [(Notification.TASK_DUE_SOON, due_soon), (Notification.TASK_OVERDUE, tasks.overdue(on))]:
        for task in rows:
            context = {"task": task, "days": (task.due_date - on).days, "link": absolute(task.get_absolute_url())}
            key = f"task:{task.pk}:{task.due_date:%Y-%m-%d}"
            sent[kind] += notify(kind=kind, members=[task.assignee], key=key, context=context)
    return sent
