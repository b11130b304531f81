"""Everything the app holds about one member, as one file they can download (Law 91/2025/QH15 on
personal data, in force 1/1/2026): their profile and login, attendance and speeches, tasks and
progress reports, confirmed monthly reviews, praise and criticism, commendations and violations,
supervision of them in approved plans, yearly classifications, party dues declared and paid, the change
history of their record, and who else opened their review record or findings.

It reads every app, so it sits in the top layer. Each section lists the rows with the fields' own
labels (in the language of the request) and values in words; the committee's drafts are not theirs
until confirmed, as on the pages.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from assignments.models import ProgressReport, Task
from dues.models import DuesBasis, DuesPayment
from evaluations.models import (
    Announcement,
    Classification,
    Commendation,
    MonthlyReview,
    RecordView,
    ReviewRow,
    Violation,
)
from meetings.models import Attendance, Speech
from members.models import AuditEntry, Member
from members.permissions import member_required
from supervision.models import SupervisionItem, SupervisionPlan

LEFT_OUT = {"id", "cell", "user", "password", "token", "position", "version"}


def _value(instance, field):
    if field.choices:
        return str(getattr(instance, f"get_{field.name}_display")())
    value = getattr(instance, field.name)
    if isinstance(field, models.ForeignKey):
        return str(value) if value is not None else None
    return value


def _rows(queryset) -> list[dict]:
    model = queryset.model
    fields = [f for f in model._meta.concrete_fields if f.name not in LEFT_OUT]
    related = [f.name for f in fields if isinstance(f, models.ForeignKey)]
    return [
        {str(capfirst(f.verbose_name)): _value(row, f) for f in fields} for row in queryset.select_related(*related)
    ]


def member_data(member: Member) -> dict:
    user = member.user
    approved_plans = SupervisionPlan.objects.exclude(status=SupervisionPlan.Status.DRAFT)
    return {
        _("Party member"): _rows(Member.objects.filter(pk=member.pk))[0],
        _("Login"): {
            _("Login name"): user.get_username(),
            _("Email"): user.email,
            _("Last login"): user.last_login,
            _("Login created on"): user.date_joined,
        },
        _("Attendance"): _rows(Attendance.objects.filter(member=member).order_by("meeting__date")),
        _("Speeches"): _rows(Speech.objects.filter(member=member).order_by("item__meeting__date", "pk")),
        _("Tasks"): _rows(Task.objects.filter(assignee=member).order_by("due_date", "pk")),
        _("Progress reports"): _rows(ProgressReport.objects.filter(task__assignee=member).order_by("pk")),
        _("Monthly reviews"): _rows(
            ReviewRow.objects.filter(member=member, review__status=MonthlyReview.Status.CONFIRMED).order_by(
                "review__month"
            )
        ),
        _("Praise and criticism at meetings"): _rows(Announcement.objects.filter(member=member).order_by("pk")),
        _("Commendations"): _rows(Commendation.objects.filter(member=member).order_by("decided_on")),
        _("Violations and shortcomings"): _rows(Violation.objects.filter(member=member).order_by("found_on")),
        _("Supervision"): _rows(SupervisionItem.objects.filter(member=member, plan__in=approved_plans).order_by("pk")),
        _("Yearly classification"): _rows(Classification.objects.filter(member=member).order_by("year")),
        _("Party dues: declarations"): _rows(DuesBasis.objects.filter(member=member).order_by("valid_from")),
        _("Party dues: payments"): _rows(DuesPayment.objects.filter(member=member).order_by("paid_on", "pk")),
        _("Changes to the record"): _rows(
            AuditEntry.objects.filter(
                content_type__app_label="members", content_type__model="member", object_id=member.pk
            ).order_by("created_at")
        ),
        _("Who opened the record"): _rows(RecordView.objects.filter(subject=member).order_by("at")),
    }


@member_required
def my_data(request):
    """The acting member's own data, nobody else's: there is no address for another member's."""
    member = request.member
    data = {_("Exported on"): timezone.localtime(), **member_data(member)}
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="du-lieu-ca-nhan-{member.pk}.json"'
    return response
