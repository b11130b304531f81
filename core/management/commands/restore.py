"""``manage.py restore FILE``: put a dump made by ``manage.py backup`` back, replacing what is there."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backups import restore


class Command(BaseCommand):
    help = "Restore a dump written by 'manage.py backup' (the current data is replaced)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The .dump file to restore.")

    def handle(self, *args, file, **options):
        source = Path(file)
        if not source.is_file():
            raise CommandError(f"No such backup file: {source}")
        restore(source)
        self.stdout.write(f"Restored from {source}.")
