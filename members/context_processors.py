def current_member(request):
    """The acting member, set by ``members.permissions.member_required``, and the acting officer of a superior
    committee, set by ``officer_required`` (None elsewhere)."""
    return {"current_member": getattr(request, "member", None), "current_officer": getattr(request, "officer", None)}
