"""The mail the meetings app sends (members.notifications): called from its services, after commit."""

from django.urls import reverse

from meetings.models import Meeting
from members.models import Member, Notification
from members.notifications import absolute, notify_after_commit


def agenda_published(meeting: Meeting) -> None:
    """Every member of the cell: the agenda, its date, time and place."""
    notify_after_commit(
        kind=Notification.AGENDA_PUBLISHED,
        members=Member.objects.filter(cell_id=meeting.cell_id).active(),
        key=f"meeting:{meeting.pk}",
        context={"meeting": meeting, "link": absolute(meeting.get_absolute_url())},
    )


def minutes_approved(meeting: Meeting) -> None:
    """Every member of the cell: the minutes and resolution are approved and can be read."""
    notify_after_commit(
        kind=Notification.MINUTES_APPROVED,
        members=Member.objects.filter(cell_id=meeting.cell_id).active(),
        key=f"meeting:{meeting.pk}",
        context={"meeting": meeting, "link": absolute(reverse("meetings:minutes", args=[meeting.pk]))},
    )
