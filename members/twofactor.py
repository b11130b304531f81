"""The second step of a committee member's login: a one-time code after the password.

At every login (the login form, the admin's, a test's ``force_login``) the session records what is
left to do: ``enrol`` (no authenticator app yet), ``verify`` (enter a code) or nothing. Until nothing is
left, every page answers with a redirect to the page of that step; logging out and switching the
language still work. The state is read from the session the request has loaded already, so a page
costs no query more. Only the cell's committee is asked (``Member.needs_second_step``), when the
cell's setting is on, and the officers of a superior committee (``CommitteeOfficer.needs_second_step``) when
their organisation's is; a change of role or of the setting applies from the next login.

The codes are django-otp's: a TOTP device (RFC 6238, 30-second codes from an authenticator app) and a
static device holding ten recovery codes, each good once. Both throttle wrong codes themselves.
"""

from urllib.parse import urlencode

from django.db import DatabaseError
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from members.models import CommitteeOfficer, Member

SESSION_KEY = "chibo_second_step"
ENROL, VERIFY, DONE = "enrol", "verify", ""
# Views a session may open before its second step: the two steps' pages, logging out, the language switch,
# and the calendar feed, which never reads the login (its secret address is the key, open to anyone who has
# it): the session is not even loaded for it, so the feed keeps its pinned queries.
OPEN_VIEWS = frozenset({"two_factor", "two_factor_setup", "logout", "set_language", "assignments:feed"})


def has_authenticator(user) -> bool:
    return TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).exists()


def step_for(user) -> str:
    """What the login of ``user`` still needs: ENROL, VERIFY or DONE."""
    member = Member.objects.select_related("cell").filter(user_id=user.pk).first()
    if member is None:  # an officer of a superior committee, asked as its organisation's setting says
        officer = CommitteeOfficer.objects.select_related("organisation").filter(user_id=user.pk).first()
        if officer is None or not officer.needs_second_step:
            return DONE
    elif not member.needs_second_step:
        return DONE
    return VERIFY if has_authenticator(user) else ENROL


def pending(request) -> str:
    return request.session.get(SESSION_KEY, DONE)


def on_login(sender, request, user, **kwargs):
    """``user_logged_in`` receiver: a new login starts with what its second step needs."""
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_KEY] = step_for(user)


def passed(request, device) -> None:
    """The code was right: the session is verified with ``device`` (django-otp's record of it)."""
    otp_login(request, device)
    request.session[SESSION_KEY] = DONE


class SecondStepMiddleware:
    """Until the second step is done, every page but OPEN_VIEWS redirects to it, coming back afterwards."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.resolver_match.view_name in OPEN_VIEWS:
            return None
        session = request.session
        try:
            if "_auth_user_id" not in session:
                return None
        except DatabaseError:
            # The database is out of reach: the view meets the same error and answers 503 there
            # (core.middleware); an exception here would be a 500. Nothing is shown without a session.
            return None
        if SESSION_KEY not in session:  # a session opened before two-step login existed: decide once
            session[SESSION_KEY] = step_for(request.user)
        step = session[SESSION_KEY]
        if step == DONE:
            return None
        target = reverse("two_factor_setup" if step == ENROL else "two_factor")
        return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
