"""Answer a subject access request: everything held about a person, as JSON.

python manage.py export_personal_data person@example.org > person.json
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mrdinfo.privacy.service import export


class Command(BaseCommand):
    help = "Write everything held about a person (found by email address) as JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help="The person's email address, as they gave it.")

    def handle(self, *args: Any, email: str, **options: Any) -> None:
        try:
            self.stdout.write(export(email, via="command").decode())
        except ValueError as error:
            raise CommandError(str(error)) from None
