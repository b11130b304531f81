"""The login backend: Django's, except that demo logins (``Member.is_demo``) work only while DEBUG is on.

The demo loader gives its logins a password printed in the README; a database first seeded by
``make run`` and then served in production must not keep them working. Refusing them here, in the
backend, covers every login form (the app's and the admin's).
"""

from django.conf import settings
from django.contrib.auth.backends import ModelBackend

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
