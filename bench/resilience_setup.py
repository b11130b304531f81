"""Helper of bench/resilience.py: a member's session and an open task to report on; or, with
``--count TASK``, the notes stored for that task. Prints one JSON object."""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chibo.settings")

import django  # noqa: E402

django.setup()

from datetime import timedelta  # noqa: E402

from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from assignments.models import ProgressReport  # noqa: E402
from assignments.services import completion_levels, task_assign  # noqa: E402
from bench.inprocess import session_for  # noqa: E402
from members.models import Cell, Member  # noqa: E402

if "--count" in sys.argv:
    task = sys.argv[sys.argv.index("--count") + 1]
    notes = list(ProgressReport.objects.filter(task_id=task).values_list("note", flat=True))
    print(json.dumps({"notes": notes}))
else:
    cell = Cell.objects.get(name="Chi bộ 1")
    member = Member.objects.filter(cell=cell, role=Member.Role.MEMBER).select_related("user").first()
    secretary = Member.objects.get(cell=cell, role=Member.Role.SECRETARY)
    today = timezone.localdate()
    fields = {
        "title": "Nhiệm vụ kiểm thử khả năng phục hồi",
        "assigned_on": today,
        "due_date": today + timedelta(days=30),
        "expected_level": completion_levels(cell)[2],
    }
    task = task_assign(cell=cell, by=secretary, assignees=[member], fields=fields)[0]
    print(
        json.dumps(
            {
                "session": session_for(task.assignee),
                "report_url": reverse("assignments:report", args=[task.pk]),
                "task": str(task.pk),
                "today": timezone.localdate().strftime("%d/%m/%Y"),
            }
        )
    )
