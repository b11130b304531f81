"""Who attended and spoke over a period."""

from datetime import date

from django.shortcuts import render
from django.utils import timezone

from meetings.forms import (
    PeriodForm,
)
from meetings.selectors import (
    participation,
)
from members.permissions import member_required


@member_required
def participation_view(request):
    today = timezone.localdate()
    form = PeriodForm(request.GET or None, initial={"start": date(today.year, 1, 1), "end": today})
    start, end = date(today.year, 1, 1), today
    if form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    rows, meetings = participation(cell=request.member.cell, start=start, end=end)
    if not request.member.may_prepare:
        rows = [row for row in rows if row.member.pk == request.member.pk]
    most = max([row.attended + row.absent for row in rows] + [row.speeches for row in rows] + [1])
    return render(
        request,
        "meetings/participation.html",
        {"form": form, "rows": rows, "meetings": meetings, "start": start, "end": end, "most": most},
    )
