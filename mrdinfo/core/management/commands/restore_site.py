from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mrdinfo.core.operations.backups import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup_site folder into an EMPTY database (and MEDIA_ROOT). Refuses a database in use."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", help="a folder made by backup_site")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            restore(options["source"])
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(f"Restored {options['source']}."))
