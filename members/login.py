"""The forms of logging in: the password (demo logins refused unless DEBUG is on) and the second step's codes."""

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp import verify_token
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice


class LoginForm(AuthenticationForm):
    """Django's login form; it says why a demo login is refused (members.backends.LoginBackend)."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "demo_login": _("Demo logins work only when the app runs for trying out (DEBUG on)."),
    }

    @property
    def demo_logins_on(self) -> bool:
        return settings.DEBUG

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError as error:
            if getattr(self.request, "demo_login_refused", False):
                raise forms.ValidationError(self.error_messages["demo_login"], code="demo_login") from error
            raise


class OneTimeCodeForm(forms.Form):
    """A code checked against one of ``devices`` (django-otp verifies it, counts and throttles wrong codes)."""

    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}),
    )
    wrong_code = _("The code is not right. Check the time on your phone and enter the code shown now.")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.device = None

    def devices(self, code: str) -> list:
        raise NotImplementedError

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split()).replace("-", "").lower()
        devices = self.devices(code)
        for device in devices:
            allowed, why = device.verify_is_allowed()
            if not allowed:
                wait = max(1, int((why["locked_until"] - timezone.now()).total_seconds() + 0.999))
                raise forms.ValidationError(
                    ngettext(
                        "Too many wrong codes: wait %(seconds)d second and try again.",
                        "Too many wrong codes: wait %(seconds)d seconds and try again.",
                        wait,
                    )
                    % {"seconds": wait},
                    code="throttled",
                )
        for device in devices:
            self.device = verify_token(self.user, device.persistent_id, code)
            if self.device is not None:
                return code
        raise forms.ValidationError(self.wrong_code, code="wrong")


class SecondStepForm(OneTimeCodeForm):
    """At login: the 6-digit code of the authenticator app, or one of the recovery codes."""

    code = forms.CharField(
        label=_("6-digit code, or a recovery code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}),
    )
    wrong_code = _("The code is not right, or the recovery code was used already.")

    def devices(self, code: str) -> list:
        model = TOTPDevice if code.isdigit() else StaticDevice
        return list(model.objects.filter(user_id=self.user.pk, confirmed=True))


class AuthenticatorForm(OneTimeCodeForm):
    """Setting up the authenticator app: its first code confirms it."""

    code = forms.CharField(
        label=_("The 6-digit code the app shows"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True, "spellcheck": "false"}
        ),
    )

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.pending_device = device

    def devices(self, code: str) -> list:
        return [self.pending_device]
