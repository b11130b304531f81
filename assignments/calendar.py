"""A member's private calendar: their open tasks' due dates and the cell's published meetings (RFC 5545)."""

from datetime import datetime, timedelta

from django.apps import apps
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from assignments.models import Task
from members.models import Member

SHOWN_MONTHS_BACK = 6  # older, closed things are not worth a calendar's space


def calendar_for(member: Member, base_url: str) -> bytes:
    since = timezone.localdate() - timedelta(days=31 * SHOWN_MONTHS_BACK)
    calendar = Calendar()
    calendar.add("prodid", "-//chibo//lich chi bo//VI")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{member.cell.name} — {member.full_name}")
    stamp = timezone.now()
    tasks = Task.objects.filter(assignee=member, due_date__gte=since).exclude(state=Task.State.NOT_DONE)
    for task in tasks.order_by("due_date", "pk"):
        event = Event()
        event.add("uid", f"task-{task.pk}@chibo")
        event.add("dtstamp", stamp)
        summary = _("Task due: %(title)s") if task.is_open else _("Task due (done): %(title)s")
        event.add("summary", summary % {"title": task.title})
        event.add("dtstart", task.due_date)
        event.add("dtend", task.due_date + timedelta(days=1))
        event.add("description", task.description or task.title)
        event.add("url", base_url + task.get_absolute_url())
        calendar.add_component(event)
    Meeting = apps.get_model("meetings", "Meeting")  # named by its label, as the lazy foreign keys do
    meetings = Meeting.objects.filter(cell=member.cell, date__gte=since).exclude(status=Meeting.Status.DRAFT)
    zone = timezone.get_default_timezone()
    for meeting in meetings.order_by("date", "pk"):
        event = Event()
        event.add("uid", f"meeting-{meeting.pk}@chibo")
        event.add("dtstamp", stamp)
        event.add("summary", str(meeting))
        if meeting.start_time:
            start = datetime.combine(meeting.date, meeting.start_time, tzinfo=zone)
            event.add("dtstart", start)
            event.add("dtend", start + timedelta(minutes=member.cell.meeting_minutes_min))
        else:
            event.add("dtstart", meeting.date)
            event.add("dtend", meeting.date + timedelta(days=1))
        if meeting.place:
            event.add("location", meeting.place)
        event.add("url", base_url + meeting.get_absolute_url())
        calendar.add_component(event)
    return calendar.to_ical()
