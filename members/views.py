from base64 import b32encode
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

import segno
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.contrib.auth.views import PasswordChangeView
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.db.models import ProtectedError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from members import notifications, services, twofactor
from members.forms import (
    CellForm,
    MemberCreateForm,
    MemberFilterForm,
    MemberForm,
    MemberTransferForm,
    MySettingsForm,
    UnitForm,
)
from members.login import AuthenticatorForm, SecondStepForm
from members.models import Unit
from members.permissions import (
    acting_officer,
    get_editable_member,
    get_member_for_user,
    manager_required,
    member_of,
    member_required,
)
from members.selectors import history_of, member_list, member_summary, recovery_codes_left, sort_by_name

CONFLICT = gettext_lazy("Someone saved a conflicting change at the same time. Check the form and save again.")


def locked_out(request, response=None, credentials=None):
    """What django-axes answers after too many wrong passwords: a Vietnamese page, status 429."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "registration/locked_out.html", {"cooloff_minutes": minutes}, status=429)


class ThrottledPasswordChangeView(PasswordChangeView):
    """Django's password change, with wrong old passwords counted like wrong logins (django-axes):
    after AXES_FAILURE_LIMIT of them the page answers the lock-out page, even to the right one."""

    def post(self, request, *args, **kwargs):
        credentials = {"username": request.user.get_username()}
        if AxesProxyHandler.is_locked(request, credentials):
            return locked_out(request)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        if "old_password" in form.errors:
            credentials = {"username": self.request.user.get_username()}
            user_login_failed.send(sender=type(self), credentials=credentials, request=self.request)
            if AxesProxyHandler.is_locked(self.request, credentials):
                return locked_out(self.request)
        return super().form_invalid(form)


# The second step of a committee member's login (members/twofactor.py) ------------------------------------


def _next_url(request) -> str:
    """Where the login was going (a local address only), else the home page."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    here = {request.get_host()}
    safe = url_has_allowed_host_and_scheme(wanted, allowed_hosts=here, require_https=request.is_secure())
    return wanted if safe else reverse("home")


@never_cache
@login_required
def two_factor(request):
    """After the password: the 6-digit code of the authenticator app, or a recovery code."""
    if twofactor.pending(request) != twofactor.VERIFY:
        return redirect(_next_url(request))
    form = SecondStepForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        twofactor.passed(request, form.device)
        request.session.cycle_key()
        if not form.cleaned_data["code"].isdigit():
            used = _("You used a recovery code: %(left)d left. Set up the app again if it is lost.")
            messages.warning(request, used % {"left": recovery_codes_left(user=request.user)})
        return redirect(_next_url(request))
    context = {"form": form, "next": _next_url(request), "second_step_pending": True}  # no menu yet (_nav.html)
    return render(request, "registration/two_factor.html", context)


@never_cache
@login_required
def two_factor_setup(request):
    """Set up the authenticator app: its key (QR code and text), then its first code; then ten recovery
    codes, shown once. A committee member (or an officer of a superior committee) whose login still needs a
    code is sent to the code page first: a password alone never replaces the app."""
    member = member_of(request.user)
    if member is None:
        request.officer = acting_officer(request.user)
        if request.officer is None:
            raise PermissionDenied(_("Your login is not linked to an active member of a cell."))
    else:
        if not member.is_active:
            raise PermissionDenied(_("Your login is not linked to an active member of a cell."))
        request.member = member
        if not member.is_committee:
            raise PermissionDenied(_("Only members of the cell committee log in with a code."))
    step = twofactor.pending(request)
    if step == twofactor.VERIFY or (step == twofactor.ENROL and twofactor.has_authenticator(request.user)):
        return redirect(f"{reverse('two_factor')}?{urlencode({'next': _next_url(request)})}")
    device = services.authenticator_pending(user=request.user)
    form = AuthenticatorForm(request.POST or None, user=request.user, device=device)
    if request.method == "POST" and form.is_valid():
        codes = services.authenticator_confirm(device=form.device)
        twofactor.passed(request, form.device)
        request.session.cycle_key()
        return render(request, "registration/two_factor_codes.html", {"codes": codes, "next": _next_url(request)})
    key = b32encode(device.bin_key).decode()
    context = {
        "form": form,
        "next": _next_url(request),
        "key": " ".join(key[i : i + 4] for i in range(0, len(key), 4)),
        "qr": segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2),
        "replacing": step == twofactor.DONE and twofactor.has_authenticator(request.user),
        "second_step_pending": step != twofactor.DONE,  # the menu's pages would only lead back here
    }
    return render(request, "registration/two_factor_setup.html", context)


def _filtered(filters: dict) -> bool:
    return bool(filters.get("unit") or filters.get("role") or filters.get("status", "active") not in ("", "active"))


@member_required
def member_list_view(request):
    cell = request.member.cell
    form = MemberFilterForm(request.GET or None, cell=cell)
    filters = form.cleaned_data if form.is_valid() else {}
    members = member_list(
        cell=cell, unit=filters.get("unit"), status=filters.get("status", ""), role=filters.get("role", "")
    )
    return render(
        request,
        "members/list.html",
        {
            "members": members,
            "filter_form": form,
            # The list unfiltered is the cell's active members: the counts come from it.
            "summary": member_summary(cell=cell, active=None if _filtered(filters) else members),
            "today": timezone.localdate(),
            "without_email": sort_by_name(notifications.without_email(cell)) if request.member.may_manage else [],
        },
    )


@member_required
def member_detail(request, pk):
    member = get_member_for_user(request, pk)
    history = []
    if request.member.may_manage:
        history = history_of(member)
    return render(
        request,
        "members/detail.html",
        {"member": member, "vote_status": member.vote_status(timezone.localdate()), "history": history},
    )


@manager_required
def member_password_reset(request, pk):
    """A new initial password for a member, after a confirmation (the old one stops working): shown once on the
    answer to the confirmation, kept nowhere."""
    member = get_editable_member(request, pk)
    if refusal := services.password_reset_refusal(member=member, by=request.user):
        messages.error(request, refusal)
        return redirect(member)
    if request.method == "POST" and request.POST.get("confirm") == "1":
        password = services.member_password_reset(member=member, by=request.user)
        response = render(request, "members/password_reset.html", {"member": member, "password": password})
        add_never_cache_headers(response)
        return response
    return render(request, "members/password_reset.html", {"member": member, "refused": request.method == "POST"})


@manager_required
def member_create(request):
    cell = request.member.cell
    form = MemberCreateForm(request.POST or None, cell=cell)
    if request.method == "POST" and form.is_valid():
        member = form.save(commit=False)
        try:
            services.member_create(
                cell=cell,
                member=member,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password"],
                by=request.user,
            )
        except IntegrityError:
            form.add_error(None, CONFLICT)
        else:
            messages.success(request, _("%(name)s was added to the cell.") % {"name": member.full_name})
            return redirect(member)
    return render(request, "members/form.html", {"form": form, "title": _("Add a party member")})


@manager_required
def member_edit(request, pk):
    member = get_editable_member(request, pk)
    if not member.is_active:
        raise PermissionDenied(_("This member has left the cell; the record is kept as it was."))
    form = MemberForm(request.POST or None, instance=member, cell=member.cell)
    if request.method == "POST" and form.is_valid():
        try:
            services.member_update(member=form.save(commit=False), changes=form.changes(), by=request.user)
        except IntegrityError:
            form.add_error(None, CONFLICT)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect(member)
    return render(
        request, "members/form.html", {"form": form, "member": member, "title": _("Edit %(name)s") % {"name": member}}
    )


@manager_required
def member_transfer(request, pk):
    member = get_editable_member(request, pk)
    if not member.is_active:
        messages.info(request, _("This member has already left the cell."))
        return redirect(member)
    form = MemberTransferForm(request.POST or None, member=member, initial={"left_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        services.member_transfer_out(
            member=member, on=form.cleaned_data["left_on"], reason=form.cleaned_data["reason"], by=request.user
        )
        messages.success(request, _("%(name)s was recorded as having left the cell.") % {"name": member.full_name})
        return redirect(member)
    return render(request, "members/transfer.html", {"form": form, "member": member})


@member_required
def my_settings(request):
    """ "Cài đặt của tôi": the member's email address and which kinds of mail they receive."""
    member = request.member
    member.user = request.user  # the same login, already loaded
    kinds = notifications.kinds_for(member)
    turned_off = set(member.notification_opt_outs.values_list("kind", flat=True))
    data = request.POST if request.method == "POST" else None  # every box unticked and no address is a choice too
    form = MySettingsForm(data, member=member, kinds=kinds, turned_off=turned_off)
    if request.method == "POST" and form.is_valid():
        services.my_settings_save(
            member=member, email=form.cleaned_data["email"], turned_off=form.turned_off(), kinds=kinds
        )
        messages.success(request, _("Your settings were saved."))
        return redirect("members:my_settings")
    return render(request, "members/my_settings.html", {"form": form, "member": member})


@manager_required
def cell_settings(request):
    cell = request.member.cell
    form = CellForm(request.POST or None, instance=cell)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The cell's details were saved."))
        return redirect("members:cell")
    units = Unit.objects.filter(cell=cell)
    return render(
        request, "members/cell.html", {"form": form, "units": units, "unit_form": UnitForm(cell=cell, prefix="unit")}
    )


@require_POST
@manager_required
def unit_create(request):
    cell = request.member.cell
    form = UnitForm(request.POST, cell=cell, prefix="unit")
    if form.is_valid():
        unit = form.save(commit=False)
        unit.cell = cell
        unit.save()
        messages.success(request, _("The unit %(name)s was added.") % {"name": unit.name})
        return redirect("members:cell")
    units = Unit.objects.filter(cell=cell)
    return render(request, "members/cell.html", {"form": CellForm(instance=cell), "units": units, "unit_form": form})


@manager_required
def unit_edit(request, pk):
    unit = get_object_or_404(Unit, pk=pk, cell=request.member.cell)
    form = UnitForm(request.POST or None, instance=unit, cell=unit.cell)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The unit was saved."))
        return redirect("members:cell")
    return render(request, "members/unit_form.html", {"form": form, "unit": unit})


# The cell's ordered settings, edited the same way wherever their model lives ------------------------------


@dataclass(frozen=True)
class SettingRows:
    """One of the cell's ordered settings edited as a list. The app that owns the rows' model declares it
    (meetings: the standard order and the scoring sheet; assignments: the completion scale; evaluations:
    the work grades and the rating levels); these views serve them all."""

    model: type
    form: type
    rows: Callable  # cell → the rows, defaults copied in on first use
    template: str
    edit_template: str
    url: str
    initial: dict
    added: str
    saved: str
    removed: str


@manager_required
def setting_list(request, rows: SettingRows):
    """The list with its add form; saving here never changes meetings already prepared or scored."""
    cell = request.member.cell
    listed = rows.rows(cell)  # the defaults are copied in first, so an added row comes after them
    form = rows.form(request.POST or None, initial=rows.initial, prefix="step")
    form.instance.cell = cell  # rows unique in the cell are checked against it
    if request.method == "POST" and form.is_valid():
        services.setting_row_save(cell=cell, row=form.save(commit=False), changes=form.changes(), by=request.user)
        messages.success(request, rows.added)
        return redirect(rows.url)
    return render(request, rows.template, {"rows": listed, "form": form, "total": rows.form.total(listed)})


@manager_required
def setting_edit(request, pk, rows: SettingRows):
    row = get_object_or_404(rows.model, pk=pk, cell=request.member.cell)
    form = rows.form(request.POST or None, instance=row)
    if request.method == "POST" and form.is_valid():
        services.setting_row_save(cell=row.cell, row=form.save(commit=False), changes=form.changes(), by=request.user)
        messages.success(request, rows.saved)
        return redirect(rows.url)
    return render(request, rows.edit_template, {"form": form, "row": row})


@require_POST
@manager_required
def setting_delete(request, pk, rows: SettingRows):
    row = get_object_or_404(rows.model, pk=pk, cell=request.member.cell)
    try:
        services.setting_row_delete(row=row, by=request.user)
    except ProtectedError:
        messages.error(
            request, _("“%(row)s” is used by existing records and cannot be removed: rename it instead.") % {"row": row}
        )
    else:
        messages.success(request, rows.removed)
    return redirect(rows.url)


@require_POST
@manager_required
def setting_move(request, pk, rows: SettingRows, direction):
    row = get_object_or_404(rows.model, pk=pk, cell=request.member.cell)
    services.setting_row_move(row=row, up=direction == "up")
    return redirect(f"{reverse(rows.url)}#row-{row.pk}")
