from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"

    def ready(self):
        from django.db.backends.signals import connection_created

        from core.pagecache import install

        connection_created.connect(install, dispatch_uid="core.pagecache.install")
