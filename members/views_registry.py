"""The registry as an Excel file: the template to fill in, the export, and the import of a filled-in list
(upload → every row checked, mistakes by row and column → a confirmation page → all rows saved, or none).

Between the upload and the confirmation the checked rows wait in the session (at most ``ROW_LIMIT``, as
texts), never as a file on the server; the confirmation checks them again against the registry as it is
then, so a member added meanwhile is still refused as a duplicate.
"""

import secrets
from pathlib import PurePath

from django.contrib import messages
from django.db import IntegrityError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from members import services
from members.forms import MemberFilterForm, RegistryConfirmForm, RegistryUploadForm
from members.permissions import manager_required
from members.registry_import import ERRORS_SHOWN, check_rows
from members.registry_xlsx import (
    LOGIN_LIMIT,
    ROW_LIMIT,
    FileRefused,
    SheetRow,
    read_registry,
    registry_xlsx,
    template_xlsx,
)
from members.selectors import member_list

SESSION_KEY = "members_import"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@manager_required
def registry_template(request):
    """The empty list, with the cell's units in its choices."""
    return _xlsx(template_xlsx(request.member.cell), "mau-danh-sach-dang-vien.xlsx")


@manager_required
def registry_export(request):
    """The members the list page shows (its filters, active members by default) in the template's columns."""
    cell = request.member.cell
    form = MemberFilterForm(request.GET or None, cell=cell)
    filters = form.cleaned_data if form.is_valid() else {}
    members = member_list(
        cell=cell,
        unit=filters.get("unit"),
        status=filters.get("status", ""),
        role=filters.get("role", ""),
        with_login=True,
    )
    return _xlsx(registry_xlsx(cell, members), f"danh-sach-dang-vien-{timezone.localdate():%Y-%m-%d}.xlsx")


def _filename(upload) -> str:
    """The name the browser gave the file: shown and logged, never used to open anything."""
    name = PurePath((upload.name or "").replace("\\", "/")).name
    return " ".join(name.split())[:100] or "danh-sach.xlsx"


def _page(request, form, *, errors=(), refused=(), filename="", status=200):
    context = {
        "form": form,
        "errors": list(errors)[:ERRORS_SHOWN],
        "errors_more": max(0, len(errors) - ERRORS_SHOWN),
        "errors_total": len(errors),
        "error_rows": len({error.row for error in errors}),
        "refused": refused,
        "filename": filename,
        "row_limit": ROW_LIMIT,
    }
    return render(request, "members/import.html", context, status=status)


@manager_required
def registry_import(request):
    """Upload the filled-in list; it is read and checked whole, and nothing is saved yet."""
    form = RegistryUploadForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return _page(request, form)
    upload = form.cleaned_data["file"]
    filename = _filename(upload)
    try:
        sheet = read_registry(upload)
    except FileRefused as refusal:
        return _page(request, RegistryUploadForm(), refused=refusal.messages, filename=filename)
    checked = check_rows(cell=request.member.cell, rows=sheet.rows)
    if not checked.ok:
        return _page(request, RegistryUploadForm(), errors=checked.errors, filename=filename)
    request.session[SESSION_KEY] = {
        "batch": secrets.token_urlsafe(16),
        "filename": filename,
        "rows": [[row.number, row.values] for row in sheet.rows],
    }
    return redirect("members:import_confirm")


def _pending(request):
    pending = request.session.get(SESSION_KEY)
    if not isinstance(pending, dict) or not pending.get("rows"):
        return None
    return pending


@never_cache
@manager_required
def registry_import_confirm(request):
    """What the import will do, row by row; confirmed, it saves every row or none."""
    pending = _pending(request)
    if pending is None:
        messages.info(request, _("There is no list waiting to be imported: choose a file first."))
        return redirect("members:import")
    cell = request.member.cell
    rows = [SheetRow(number=number, values=values) for number, values in pending["rows"]]
    checked = check_rows(cell=cell, rows=rows)
    if not checked.ok:  # the registry changed since the upload (a member added meanwhile)
        del request.session[SESSION_KEY]
        messages.error(request, _("The cell's list changed since the file was checked: nothing was imported."))
        return _page(request, RegistryUploadForm(), errors=checked.errors, filename=pending["filename"])
    form = RegistryConfirmForm(request.POST or None, initial={"batch": pending["batch"]})
    refusal = ""
    if request.method == "POST":
        if not form.is_valid() or form.cleaned_data["batch"] != pending["batch"]:
            refusal = _("Not confirmed: nothing was imported. Read what will happen, then press the button again.")
        elif form.cleaned_data["logins"] and len(checked.rows) > LOGIN_LIMIT:
            refusal = _(
                "Logins can be given to at most %(limit)s members at a time (each password takes a moment to "
                "protect). Import without logins, or split the list."
            ) % {"limit": LOGIN_LIMIT}
        else:
            return _import(request, pending, checked.rows, logins=form.cleaned_data["logins"])
    context = {
        "rows": checked.rows,
        "filename": pending["filename"],
        "form": form,
        "batch": pending["batch"],
        "refusal": refusal,
        "login_limit": LOGIN_LIMIT,
    }
    return render(request, "members/import_confirm.html", context)


def _import(request, pending, rows, *, logins: bool):
    cell = request.member.cell
    try:
        created = services.members_import(
            cell=cell, rows=rows, logins=logins, filename=pending["filename"], by=request.user
        )
    except IntegrityError:
        messages.error(
            request,
            _(
                "Someone saved a conflicting change at the same time (a login name or the secretary): nothing was "
                "imported. Check the list and import it again."
            ),  # fmt: skip
        )
        return redirect("members:import_confirm")
    del request.session[SESSION_KEY]
    done = _("%(count)s members were imported from %(file)s.") % {"count": len(created), "file": pending["filename"]}
    if not logins:
        messages.success(request, done)
        return redirect("members:list")
    # The passwords are shown on this answer only (as the recovery codes are): never stored in clear.
    logins_shown = [(member, member.user.username, password) for member, password in created]
    response = render(request, "members/import_done.html", {"done": done, "logins": logins_shown})
    response["Cache-Control"] = "no-store"
    return response
