from django.utils.functional import SimpleLazyObject

from members import twofactor

# Where a page sits in the menu (templates/includes/_nav.html): URL namespace or full name → (group, item).
# A full name wins over its namespace; a page not listed marks no menu.
NAV = {
    "home": ("home", "home"),
    "meetings": ("meetings", "meetings"),
    "meetings:documents": ("meetings", "documents"),
    "meetings:document_create": ("meetings", "documents"),
    "meetings:document_edit": ("meetings", "documents"),
    "meetings:participation": ("meetings", "participation"),
    "search": ("meetings", "search"),
    "assignments": ("tasks", "my_tasks"),
    "assignments:overview": ("tasks", "cell_tasks"),
    "assignments:create": ("tasks", "cell_tasks"),
    "assignments:from_meeting": ("tasks", "cell_tasks"),
    "evaluations": ("reviews", "reviews"),
    "evaluations:mine": ("reviews", "my_reviews"),
    "my_data": ("reviews", "my_reviews"),
    "supervision": ("reviews", "supervision"),
    "members": ("cell", "members"),
    "members:import": ("cell", "members_import"),
    "members:import_confirm": ("cell", "members_import"),
    "members:cell": ("cell", "cell_settings"),
    "members:unit_create": ("cell", "cell_settings"),
    "members:unit_edit": ("cell", "cell_settings"),
    "members:my_settings": ("account", "my_settings"),
    "dues": ("cell", "dues"),
    "dues:mine": ("cell", "my_dues"),
    "password_change": ("account", "password"),
    "password_change_done": ("account", "password"),
}
# The cell's scales and formats are edited from the cell settings page, under /meetings/.
for _kind in ("standard", "scoring", "levels", "grades", "ratings", "format"):
    for _suffix in ("", "_edit", "_delete", "_up", "_down"):
        NAV[f"meetings:{_kind}{_suffix}"] = ("cell", "cell_settings")


def _place(request) -> tuple[str, str]:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "", ""
    if match.view_name in NAV:
        return NAV[match.view_name]
    place = NAV.get(match.namespace, ("", ""))
    if place[1] == "reviews" and getattr(request, "member", None) is not None and not request.member.may_prepare:
        return "reviews", "my_reviews"  # an ordinary member's own record, under "My reviews"
    return place


def _member_of(request):
    """The logged-in member, for pages no access helper set it on (the error pages): their menu too."""
    from members.permissions import member_of

    if not request.user.is_authenticated or twofactor.pending(request) != twofactor.DONE:
        return None
    member = member_of(request.user)
    return member if member is not None and member.is_active else None


def current_member(request):
    """The acting member, set by ``members.permissions.member_required`` (looked up only when a page without
    it shows the menu), and the page's place in the menu."""
    if hasattr(request, "member"):
        member = request.member
    elif hasattr(request, "user") and hasattr(request, "session"):
        member = SimpleLazyObject(lambda: _member_of(request))
    else:
        member = None
    group, item = _place(request)
    officer = getattr(request, "officer", None)
    return {"current_member": member, "current_officer": officer, "nav_group": group, "nav_item": item}
