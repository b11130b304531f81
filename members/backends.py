"""The login backend: Django's, except that demo logins (``Member.is_demo``) work only while DEBUG is on.

The demo loader gives its logins a password printed in the README; a database first seeded by
``make run`` and then served in production must not keep them working. Refusing them here, in the
backend, covers every login form (the app's and the admin's).
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from core.prepared import Prepared
from members.models import CommitteeOfficer, Member


def demo_login_refused(user) -> bool:
    if settings.DEBUG:
        return False
    return (
        Member.objects.filter(user_id=user.pk, is_demo=True).exists()
        or CommitteeOfficer.objects.filter(user_id=user.pk, is_demo=True).exists()
    )


class LoginBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None and demo_login_refused(user):
            if request is not None:
                request.demo_login_refused = True  # the login form says why (members.forms.LoginForm)
            return None
        return user

    def get_user(self, user_id):
        """The user of each request, with their member (cell, unit) or officer (organisation) in the same query:
        ``members.permissions`` and the menu read them from there instead of asking again."""
        found = _user_with_member(pk=int(user_id))
        user = found[0] if found else None
        return user if user is not None and self.user_can_authenticate(user) else None


_user_with_member = Prepared(
    lambda pk: (
        get_user_model()
        ._default_manager.select_related("member__cell", "member__unit", "officer__organisation")
        .filter(pk=pk)
    ),
    pk=-7_000_001,
)
