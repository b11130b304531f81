"""The cell's document format page: the profile and where each counter stands.

Its URL stays ``meetings:format`` (registered by ``meetings.urls``, under the settings the secretary
already knows); the page belongs here with what it edits.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from documents.format import format_for
from documents.forms import DocumentFormatForm
from documents.services import document_counters, document_format_update
from members.permissions import manager_required


@manager_required
def document_format(request):
    cell = request.member.cell
    profile = format_for(cell)
    form = DocumentFormatForm(request.POST or None, instance=profile, counters=document_counters(cell))
    if request.method == "POST" and form.is_valid():
        document_format_update(
            profile=form.save(commit=False), counters=form.counters(), changes=form.changes(), by=request.user
        )
        messages.success(request, _("The document format was saved."))
        return redirect("meetings:format")
    return render(request, "documents/format.html", {"form": form, "cell": cell})
