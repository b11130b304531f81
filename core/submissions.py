"""One submitted form makes one record, however often it is sent (a double click, a resent request).

Each form that creates a record carries a one-time token (``{% submission_token %}``: a new one at
every rendering). ``OncePerSubmissionMiddleware`` records the token and runs the view in one
transaction; the same token sent again meets the unique constraint, waits for the first request
to finish, and is answered with a message instead of a second record.
"""

import re
import secrets
from datetime import timedelta

from django.contrib import messages
from django.db import IntegrityError, InterfaceError, OperationalError, transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from core.middleware import unavailable
from core.models import Submission

FIELD = "submission"
TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")  # what new_token() makes; anything else is no token
KEPT = timedelta(days=2)  # a form sent again after two days creates its record again


def new_token() -> str:
    return secrets.token_urlsafe(24)


class OncePerSubmissionMiddleware:
    """Runs a view posted with a one-time token inside one transaction with the token's row. Last in
    MIDDLEWARE, so the CSRF check and the rest have run before (``process_view`` calls the view)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        token = request.POST.get(FIELD, "") if request.method == "POST" else ""
        if not TOKEN.fullmatch(token):
            return None  # a form without a token of ours (not one this app rendered): as usual
        try:
            with transaction.atomic():
                Submission.objects.create(token=token)
                Submission.objects.filter(created_at__lt=timezone.now() - KEPT).delete()
                return view(request, *args, **kwargs)
        except (OperationalError, InterfaceError):
            return unavailable(request)  # the view runs here, outside the 503 middleware's reach
        except IntegrityError:
            if not Submission.objects.filter(token=token).exists():
                raise
        messages.info(request, _("This form was already sent: it was recorded once."))
        back = request.headers.get("referer", "")
        if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
            return redirect(back)
        return redirect("home")
