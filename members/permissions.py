"""Who may do what, decided in one place.

The rules themselves are properties of ``Member`` (``may_manage``, ``may_prepare``,
``may_view_member``) so templates read the same answers. These helpers are the first
line of every view: they find the acting member, start every lookup from their cell
(another cell's objects answer 404) and refuse with 403 what their role may not do.

One rule for 404 and 403: a record the person may not read answers 404, whether it belongs to
another cell or to another member of theirs (pretix's rule: do not tell what exists); 403 is for
an action their role may not take on a record or page they can read.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from members.models import Cell, CommitteeOfficer, Member


def member_of(user) -> Member | None:
    """The member behind ``user``, with the cell and unit: read with the user when the login backend loaded it
    (``members.backends.LoginBackend.get_user``), else asked for."""
    if Member.user.field.remote_field.is_cached(user):
        return getattr(user, "member", None)
    return Member.objects.select_related("cell", "unit").filter(user_id=user.pk).first()


def _acting_member(request) -> Member:
    member = member_of(request.user)
    if member is None or not member.is_active:
        raise PermissionDenied(_("Your login is not linked to an active member of a cell."))
    return member


def member_required(view):
    """Logged in and an active member of a cell; sets ``request.member``."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        request.member = _acting_member(request)
        return view(request, *args, **kwargs)

    return wrapper


def manager_required(view):
    """Secretary or deputy secretary of the cell."""

    @member_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.member.may_manage:
            raise PermissionDenied(_("Only the secretary or deputy secretary may do this."))
        return view(request, *args, **kwargs)

    return wrapper


def committee_required(view):
    """A member of the cell committee (chi ủy), the secretary and deputy included."""

    @member_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.member.may_prepare:
            raise PermissionDenied(_("Only members of the cell committee may do this."))
        return view(request, *args, **kwargs)

    return wrapper


def get_member_for_user(request, pk) -> Member:
    """A member of the acting member's cell that they may see: 404 for anyone else's record."""
    member = get_object_or_404(Member.objects.with_related(), pk=pk, cell=request.member.cell)
    if not request.member.may_view_member(member):
        raise Http404(_("You may see only your own record."))
    return member


def get_editable_member(request, pk) -> Member:
    """A member the acting member may edit (404 outside their cell, 403 without the role)."""
    member = get_object_or_404(Member.objects.with_related(), pk=pk, cell=request.member.cell)
    if not request.member.may_manage:
        raise PermissionDenied(_("Only the secretary or deputy secretary may do this."))
    return member


# Officers of a superior committee (đảng ủy): they read every cell of their organisation, read-only. ----------


def acting_officer(user) -> CommitteeOfficer | None:
    """The active officer behind ``user``, with the organisation, or None."""
    if CommitteeOfficer.user.field.remote_field.is_cached(user):
        officer = getattr(user, "officer", None)
        return officer if officer is not None and officer.active else None
    return CommitteeOfficer.objects.select_related("organisation").filter(user_id=user.pk, active=True).first()


def officer_required(view):
    """Logged in as an active officer of a superior committee; sets ``request.officer``. A member of a cell is
    not an officer (403): the officer's pages are another organisation's view of the cells."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        request.officer = acting_officer(request.user)
        if request.officer is None:
            raise PermissionDenied(_("Only officers of the superior party committee may open this page."))
        return view(request, *args, **kwargs)

    return wrapper


def get_cell_for_officer(request, pk) -> Cell:
    """A cell of the officer's organisation: 404 for any other cell."""
    return get_object_or_404(Cell, pk=pk, organisation_id=request.officer.organisation_id)


def member_or_officer_required(view):
    """A page that a cell's members and a superior committee's officers both open (the search): sets
    ``request.member`` for an active member of a cell, else ``request.officer`` for an active officer (the other
    one is None); 403 for any other login. Each view decides what the one or the other may read."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        member = member_of(request.user)
        if member is not None and member.is_active:
            request.member, request.officer = member, None
        else:
            request.member, request.officer = None, acting_officer(request.user)
            if request.officer is None:
                raise PermissionDenied(_("Your login is not linked to an active member of a cell."))
        return view(request, *args, **kwargs)

    return wrapper
