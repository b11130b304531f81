from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from chibo.demo import load_demo
from chibo.search import index
from members.demo import DEMO_LOGINS, DEMO_PASSWORD
from members.models import Cell


class Command(BaseCommand):
    help = "Load the demo cell (Chi bộ 4) and its logins. Refuses to run when DEBUG is off."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="Do nothing when the database has a cell.")

    def handle(self, *args, if_empty=False, **options):
        if not settings.DEBUG:
            raise CommandError("Refusing to create demo logins with a known password while DEBUG is off.")
        if if_empty and Cell.objects.exists():
            self.stdout.write("The database already has data: the demo cell was not loaded again.")
        else:
            with index.paused():
                load_demo()
            self.stdout.write(
                self.style.SUCCESS("Demo loaded: the Đảng bộ with Chi bộ 4, Chi bộ 2 and Chi bộ 1, 3 and 5.")
            )
        index.rebuild()  # the search index from what is there (the demo writes some records in bulk)
        self.stdout.write(f"Demo logins (password {DEMO_PASSWORD}):")
        for username, what in DEMO_LOGINS:
            self.stdout.write(f"  {username:<10} {what}")
