from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mrdinfo.core.operations.backups import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database (pg_dump, or SQLite's online backup) and MEDIA_ROOT into a folder."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("destination", help="a folder; created if missing")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            folder = backup(options["destination"])
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(f"Backed up the database and media into {folder}."))
