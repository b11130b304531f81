from django import template

register = template.Library()


@register.filter
def person(user) -> str:
    """A login's name as people read it: the member's full name, else the username, else a dash
    (the login may have been removed: the records that name it keep a null)."""
    if user is None:
        return "—"
    member = getattr(user, "member", None)
    return member.full_name if member is not None else user.get_username()
