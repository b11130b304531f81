"""The register of guiding documents from above, which agenda items cite."""

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from meetings.forms import (
    GuidingDocumentForm,
)
from meetings.models import (
    GuidingDocument,
)
from members.permissions import manager_required, member_required

# Guiding documents register -------------------------------------------------------------


@member_required
def document_list(request):
    query = request.GET.get("q", "").strip()[:100]
    documents = GuidingDocument.objects.filter(cell=request.member.cell)
    if query:
        documents = documents.filter(
            Q(number__icontains=query)
            | Q(title__icontains=query)
            | Q(issuer__icontains=query)
            | Q(summary__icontains=query)
        )
    return render(request, "meetings/documents.html", {"documents": documents, "query": query})


@manager_required
def document_form(request, pk=None):
    document = get_object_or_404(GuidingDocument, pk=pk, cell=request.member.cell) if pk else None
    form = GuidingDocumentForm(request.POST or None, instance=document, cell=request.member.cell)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.cell = request.member.cell
        saved.save()
        messages.success(request, _("The document was saved in the register."))
        return redirect("meetings:documents")
    title = _("Edit a guiding document") if document else _("Add a guiding document")
    return render(request, "meetings/form.html", {"form": form, "title": title})
