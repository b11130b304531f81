from django.core.management.base import BaseCommand

from chibo.search.index import rebuild


class Command(BaseCommand):
    help = "Write the search index again from every record (minutes, resolutions, agenda, tasks, documents, findings)."

    def handle(self, *args, **options):
        count = rebuild()
        self.stdout.write(self.style.SUCCESS(f"Search index rebuilt: {count} entries."))
