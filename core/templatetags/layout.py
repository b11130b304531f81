"""The menu of every page (``templates/includes/_nav.html``), without rendering its template on each request.

The menu's markup depends only on who is reading (member, committee, secretary, officer, administrator), the
language, the page's place in the menu and today's month: about 25 reversed addresses and 30 translations, some
6,000 function calls a page (bench/RESULTS.md). ``{% main_nav %}`` renders the template once for each such kind
and keeps that skeleton in the worker's memory; each request fills in its own names, CSRF token and address.
The skeleton holds no data from the database beyond what its key says, so nothing in it can go stale.
"""

from types import SimpleNamespace

from django import template
from django.middleware.csrf import get_token
from django.template.loader import get_template
from django.urls import get_script_prefix
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()

# Stand-ins rendered in the skeleton: private-use characters, which escaping leaves alone and no name contains.
BRAND, PERSON, POST, NEXT, CSRF = (f"\ue000{name}\ue001" for name in ("brand", "person", "post", "next", "csrf"))
CSRF_INPUT = f'<input type="hidden" name="csrfmiddlewaretoken" value="{CSRF}">'
KEPT = 2000  # skeletons a worker keeps (kinds × languages × places × months: a few hundred at most)

_skeletons: dict[tuple, str] = {}


def _skeleton(key: tuple, context: dict) -> str:
    html = _skeletons.get(key)
    if html is None:
        html = get_template("includes/_nav.html").render(context)
        if len(_skeletons) >= KEPT:
            _skeletons.clear()
        _skeletons[key] = html
    return html


@register.simple_tag(takes_context=True)
def main_nav(context) -> str:
    request = context.get("request")
    user = context.get("user")
    member = context.get("current_member") or None  # a lazy lookup (error pages) is made here, once
    officer = context.get("current_officer") or None
    authenticated = bool(user is not None and user.is_authenticated)
    pending = bool(context.get("second_step_pending"))
    today = timezone.localdate()
    key = (
        translation.get_language(),
        get_script_prefix(),
        authenticated,
        bool(user is not None and user.is_superuser),
        member is not None and (member.role, member.may_prepare, member.may_manage),
        officer is not None,
        pending,
        context.get("nav_item"),
        context.get("nav_group"),
        (today.year, today.month),
    )
    flags = {
        "user": SimpleNamespace(is_authenticated=authenticated, is_superuser=key[3]),
        "current_member": member
        and SimpleNamespace(
            may_prepare=member.may_prepare, may_manage=member.may_manage, get_role_display=member.get_role_display()
        ),
        "current_officer": officer is not None,
        "second_step_pending": pending,
        "nav_item": key[7],
        "nav_group": key[8],
        "nav_today": today,
        "nav_brand": BRAND,
        "nav_person": PERSON,
        "nav_post": POST,
        "nav_next": NEXT,
        "csrf_token": CSRF,
    }
    html = _skeleton(key, flags)
    if member is not None:
        brand, person, post = member.cell.name, member.full_name, ""
    elif officer is not None:
        brand, person, post = officer.organisation.committee_name, officer.full_name, officer.post
    else:
        brand, person, post = "", user.get_username() if authenticated else "", ""
    token = get_token(request) if request is not None else ""
    html = html.replace(CSRF_INPUT, CSRF_INPUT.replace(CSRF, escape(token)) if token else "")
    html = html.replace(BRAND, escape(brand)).replace(PERSON, escape(person)).replace(POST, escape(post))
    return mark_safe(html.replace(NEXT, escape(request.get_full_path()) if request is not None else ""))
