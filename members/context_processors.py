def current_member(request):
    """The acting member, set by ``members.permissions.member_required`` (None elsewhere)."""
    return {"current_member": getattr(request, "member", None)}
