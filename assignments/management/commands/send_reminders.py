"""Daily: mail each member their tasks due soon and overdue (assignments.notifications.send_reminders).

Run once a day from cron (README); running it again the same day sends nothing twice."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from assignments.notifications import send_reminders
from members.models import Notification


class Command(BaseCommand):
    help = "Mail reminders of tasks due soon and overdue; each reminder is sent once."

    def handle(self, *args, **options):
        sent = send_reminders(timezone.localdate())
        self.stdout.write(
            f"due soon: {sent[Notification.TASK_DUE_SOON]} sent, overdue: {sent[Notification.TASK_OVERDUE]} sent"
        )
