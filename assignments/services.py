"""Writes of the assignments app: assigning, reporting, assessing, extending, closing; each audited."""

from __future__ import annotations

import secrets
from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assignments import notifications
from assignments.models import CalendarFeed, CompletionLevel, ProgressReport, Task, TaskExtension
from members.models import AuditEntry, Cell, Member
from members.services import audit_record

if TYPE_CHECKING:  # meetings sits above this app: it is named here, never imported at run time
    from meetings.models import Meeting

# The default scale (label, counts as completed), the words of the annual classification.
DEFAULT_COMPLETION_LEVELS = [
    ("Hoàn thành xuất sắc", True),
    ("Hoàn thành tốt", True),
    ("Hoàn thành", True),
    ("Không hoàn thành", False),
]


def completion_levels(cell: Cell) -> list[CompletionLevel]:
    """The cell's scale of completion; the default scale is copied in on first use."""
    levels = list(CompletionLevel.objects.filter(cell=cell))
    if not levels:
        CompletionLevel.objects.bulk_create(
            CompletionLevel(cell=cell, position=n, label=label, counts_as_done=done)
            for n, (label, done) in enumerate(DEFAULT_COMPLETION_LEVELS, start=1)
        )
        levels = list(CompletionLevel.objects.filter(cell=cell))
    return levels


def _audit(task: Task, by: Member, action: str, changes: dict | None = None) -> None:
    audit_record(actor=by.user, cell=task.cell, instance=task, action=action, changes=changes)


def _refuse_outside(cell: Cell, member: Member) -> None:
    if member.cell_id != cell.pk or not member.is_active:
        raise ValidationError(_("Tasks are assigned only to active members of the cell."))


@transaction.atomic
def task_assign(*, cell: Cell, by: Member, assignees: list[Member], fields: dict) -> list[Task]:
    """One task per assignee, linked as one group; ``fields`` are the task's own fields."""
    group = None
    tasks = []
    for assignee in assignees:
        _refuse_outside(cell, assignee)
        task = Task(cell=cell, assignee=assignee, assigned_by=by, **fields)
        if group is not None:
            task.group = group
        task.full_clean(exclude=["cell", "assignee", "assigned_by", "expected_level", "meeting", "resolution_task"])
        task.save()
        group = task.group
        _audit(
            task, by, AuditEntry.Action.CREATE, {"assignee": (None, str(assignee)), "due date": (None, task.due_date)}
        )
        tasks.append(task)
        notifications.task_assigned(task)  # mail to the assignee, after commit
    return tasks


@transaction.atomic
def tasks_assign_from_meeting(*, meeting: Meeting, by: Member, rows: list[dict]) -> list[Task]:
    """The resolution's points assigned in one go: each row is a task's fields plus ``assignees``."""
    created = []
    for row in rows:
        row = dict(row)
        assignees = row.pop("assignees")
        created += task_assign(cell=meeting.cell, by=by, assignees=assignees, fields={**row, "meeting": meeting})
    return created


@transaction.atomic
def task_update(*, task: Task, changes: dict, by: Member) -> Task:
    """The committee corrects an open task (title, due date, level …); the change is logged."""
    if not task.is_open:
        raise ValidationError(_("This task is closed: it can no longer be changed."))
    task.full_clean(exclude=["cell", "assignee", "assigned_by", "expected_level", "meeting", "resolution_task"])
    task.save()
    if changes:
        _audit(task, by, AuditEntry.Action.UPDATE, changes)
    return task


@transaction.atomic
def progress_report(*, task: Task, by: Member, percent: int, note: str, on: date, done: bool) -> ProgressReport:
    """The assignee reports progress or marks the task done; nobody else may."""
    if task.assignee_id != by.pk:
        raise PermissionDenied(_("Only the member the task is assigned to may report on it."))
    if not task.is_open:
        raise ValidationError(_("This task is closed: it can no longer be reported on."))
    percent = 100 if done else percent
    report = ProgressReport.objects.create(
        task=task, reported_on=on, percent=percent, note=note, marked_done=done, by=by
    )
    changes = {"progress": (task.progress, percent)}
    task.progress = percent
    if done:
        changes["state"] = (task.get_state_display(), str(Task.State.DONE.label))
        task.state = Task.State.DONE
        task.done_on = on
    task.save(update_fields=["progress", "state", "done_on"])
    _audit(task, by, AuditEntry.Action.UPDATE, changes)
    return report


@transaction.atomic
def task_assess(*, task: Task, by: Member, level: CompletionLevel, comment: str) -> Task:
    """The committee assesses a finished task against its expected level."""
    if task.is_open:
        raise ValidationError(_("Assess a task once it is done or closed."))
    if level.cell_id != task.cell_id:
        raise ValidationError(_("Choose a level of the cell's scale."))
    changes = {
        name: (old, new)
        for name, old, new in [
            ("assessed_level", str(task.assessed_level or ""), str(level)),
            ("assessment", task.assessment, comment),
        ]
        if old != new
    }
    task.assessed_level, task.assessment = level, comment
    task.assessed_by, task.assessed_on = by, timezone.localdate()
    task.save(update_fields=["assessed_level", "assessment", "assessed_by", "assessed_on"])
    _audit(task, by, AuditEntry.Action.UPDATE, changes)
    return task


@transaction.atomic
def task_extend(*, task: Task, by: Member, new_due: date, reason: str) -> TaskExtension:
    """An unfinished task gets a new due date; the old one and the reason are kept."""
    if not task.is_open:
        raise ValidationError(_("Only an open task can be extended."))
    if new_due <= task.due_date:
        raise ValidationError(_("The new due date must be after the current one."))
    extension = TaskExtension.objects.create(
        task=task, previous_due=task.due_date, new_due=new_due, reason=reason, by=by
    )
    _audit(task, by, AuditEntry.Action.UPDATE, {"due_date": (task.due_date, new_due), "reason": (None, reason)})
    task.due_date = new_due
    task.save(update_fields=["due_date"])
    return extension


@transaction.atomic
def task_close_not_done(*, task: Task, by: Member, reason: str) -> Task:
    """The committee closes an unfinished task as not done, with the reason."""
    if not task.is_open:
        raise ValidationError(_("This task is already closed."))
    changes = {"state": (task.get_state_display(), str(Task.State.NOT_DONE.label)), "closed_reason": ("", reason)}
    _audit(task, by, AuditEntry.Action.UPDATE, changes)
    task.state, task.closed_reason = Task.State.NOT_DONE, reason
    task.save(update_fields=["state", "closed_reason"])
    return task


def calendar_token_reset(*, member: Member) -> CalendarFeed:
    """A new secret address for the member's calendar; the old one stops working at once."""
    feed, _created = CalendarFeed.objects.update_or_create(member=member, defaults={"token": secrets.token_urlsafe(32)})
    return feed
