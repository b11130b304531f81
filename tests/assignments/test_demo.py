"""The demo year of tasks: assigned at the meetings, mostly done on time, some late, dangvien overdue."""

import pytest
from django.utils import timezone

from assignments.models import Task
from meetings.models import Meeting
from tests import seeded


@pytest.fixture
def demo(settings, db):
    settings.DEBUG = True
    seeded.seed_demo()
    settings.DEBUG = False


def test_it_loads_a_realistic_year_of_tasks(demo):
    today = timezone.localdate()
    tasks = Task.objects.filter(cell__name="Chi bộ 4")
    assert tasks.filter(meeting__isnull=False).count() >= 40  # assigned at the demo meetings
    done = tasks.filter(state=Task.State.DONE)
    on_time = [t for t in done if t.done_on_time]
    assert len(on_time) > 0.7 * done.count()  # most done on time
    assert 0 < done.count() - len(on_time) < 0.2 * done.count()  # a few late
    assert tasks.filter(state=Task.State.NOT_DONE).exists()
    assert tasks.open().filter(due_date__gte=today).exists()  # a few open
    overdue = list(tasks.overdue(today))
    assert [t.assignee.user.username for t in overdue] == ["dangvien"]
    assert tasks.filter(extensions__isnull=False).exists()
    assert tasks.exclude(state=Task.State.OPEN).filter(assessed_level__isnull=True).count() == 0
    assert tasks.values("group").distinct().count() < tasks.count()  # some tasks shared by two members


def test_it_reviews_the_due_tasks_in_the_next_minutes(demo):
    meeting = Meeting.objects.filter(cell__name="Chi bộ 4", kind="regular", status="approved").order_by("-month")[0]
    assert "Kết quả thực hiện nghị quyết tháng trước:" in meeting.record.minutes_text
    assert "Các nhiệm vụ khác đến hạn:" in meeting.record.minutes_text
    assert "hoàn thành đúng hạn" in meeting.record.minutes_text
