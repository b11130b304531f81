from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Cells and members")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from members import twofactor

        user_logged_in.connect(twofactor.on_login, dispatch_uid="members.twofactor.on_login")
