"""Act on a request to erase someone's personal data (UK GDPR article 17), across every kind of
record in the register (core/records/personal_data.py). Gift Aid declarations are kept for HMRC, reduced
to what HMRC requires (name, house name or number, postcode, the declaration's words and date);
donations keep their amount and date without the donor's name. The data-protection screen in
the admin does the same.

    python manage.py erase_personal_data person@example.org            # shows what would change
    python manage.py erase_personal_data person@example.org --confirm  # does it
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mrdinfo.privacy.service import erase, lookup


class Command(BaseCommand):
    help = "Erase a person's personal data, keeping only what HMRC requires for Gift Aid."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help="The person's email address, as they gave it.")
        parser.add_argument("--confirm", action="store_true", help="Make the change (otherwise only report).")

    def handle(self, *args: Any, email: str, confirm: bool, **options: Any) -> None:
        try:
            found = lookup(email)
        except ValueError as error:
            raise CommandError(str(error)) from None
        for item in found:
            if item.records:
                self.stdout.write(f"{len(item.records)} × {item.entry.what}: {item.entry.on_erasure}.")
        if not any(item.records for item in found):
            self.stdout.write("Nothing found for that address.")
        if not confirm:
            self.stdout.write("Nothing changed. Run again with --confirm to erase.")
            return
        action = erase(email, via="command")
        self.stdout.write(
            self.style.SUCCESS(f"Erased {action.total} record(s). Gift Aid records keep only what HMRC requires.")
        )
