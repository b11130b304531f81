"""The demo's clock: the demo loaders run the services as if it were the moment each event happened, so the
records and their log entries carry the dates a real year would have, whatever today is."""

from contextlib import contextmanager
from datetime import date, datetime, time
from unittest.mock import patch

from django.utils import timezone


@contextmanager
def as_of(moment: datetime):
    """Run the services as if it were ``moment`` (``timezone.now`` and what reads it: ``auto_now`` fields, the
    audit log, today's date)."""
    with patch.object(timezone, "now", lambda: moment):
        yield


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """``day`` at ``hour``:``minute`` where the cell is."""
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))
