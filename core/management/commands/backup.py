"""``manage.py backup``: a pg_dump of the database (embedded or DATABASE_URL) to a dated file."""

from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone

from core.backups import dump


class Command(BaseCommand):
    help = "Write a pg_dump (custom format) of the database to backups/chibo-YYYYMMDD-HHMMSS.dump."

    def add_arguments(self, parser):
        parser.add_argument("--dir", default="backups", help="Folder for the dump (default: backups/).")

    def handle(self, *args, dir, **options):
        folder = Path(dir)
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"chibo-{timezone.localtime():%Y%m%d-%H%M%S}.dump"
        dump(target)
        self.stdout.write(f"Backup written: {target} ({target.stat().st_size // 1024} KiB)")
