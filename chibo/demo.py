"""The demo, orchestrated in one place: each app loads its own part (``<app>/demo.py``); the month's
strands are loaded here in the order a real year would write them.

For each of the last twelve months: the tasks due are reported, the monthly review is confirmed,
the meeting is held and recorded, the resolution's points are assigned; a thematic meeting closes each
quarter. Then the open tasks, the yearly records and the supervision plans, and next month's draft.
"""

from datetime import date

from django.db import transaction

from assignments.demo import assign_at, finish_due, load_tasks_now
from chibo.superior.demo import load_history
from core.months import month_after
from dues.demo import load_dues
from evaluations.demo import load_classification, load_records, review_before
from meetings import demo as meetings_demo
from meetings import services as meeting_services
from meetings.models import Meeting
from members.demo import load_cell2, load_cell4, load_organisation, load_small_cells
from members.models import Cell
from supervision.demo import load_supervision


@transaction.atomic
def load_demo() -> Cell:
    """Create or refresh the demo cells; safe to run again."""
    cell4, members4 = load_cell4()
    load_year(cell4, by=members4[0].user)
    cell2 = load_cell2()
    # The Đảng bộ above them: Chi bộ 2 and three small cells get a year each, told to differ.
    small = load_small_cells()
    load_organisation([cell4, cell2, *[cell for cell, _members in small]])
    load_history(cell2, list(cell2.members.order_by("pk")), "good")
    for (cell, members), style in zip(small, ["good", "behind", "late_minutes"], strict=True):
        load_history(cell, members, style)
    return cell4


def load_year(cell: Cell, by) -> None:
    """A year of the cell's life, once: a cell that has meetings is left as it is."""
    if Meeting.objects.filter(cell=cell).exists():
        return
    docs = meetings_demo.load_documents(cell)
    latest = meetings_demo.latest_held_month()
    first = date(latest.year - 1, latest.month, 1)
    members = meetings_demo.demo_members(cell)
    month = month_after(first)
    load_dues(cell, members, by, month, latest)  # before the meetings: their minutes report the month's dues
    previous_tasks = []
    held = []
    chair = members["bithu"]
    for n in range(12):
        meeting = meetings_demo.held_meeting(cell, month, n, members, docs, by)
        finish_due(cell, until=meeting.date, chair=chair)  # reported before the meeting reviews them
        review_before(meeting, n, members, chair, members["chiuy"])
        previous_tasks = meetings_demo.record_meeting(meeting, n, members, previous_tasks, by, approve=n < 11)
        assign_at(meeting, n, members, chair, points=n < 11)  # last month's points: for the secretary to assign
        held.append(meeting)
        if month.month % 3 == 0:
            meetings_demo.thematic_meeting(cell, month, members, docs, by)
        month = month_after(month)
    load_tasks_now(cell, members, chair, held)
    load_records(cell, members, chair, held)
    load_classification(cell, chair, held)
    load_supervision(cell, members, chair)
    meeting_services.meeting_prepare(cell=cell, month=month, by=by)  # next month, a draft
