from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Cells and members")

    def ready(self):
        from django.db.backends.signals import connection_created

        from chibo.pagecache import install

        connection_created.connect(install, dispatch_uid="chibo.pagecache.install")
