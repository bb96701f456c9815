"""Act on a request to erase someone's personal data (UK GDPR article 17), keeping only what
HMRC requires for Gift Aid: for gifts with a declaration, the donor's name, house name or
number, postcode, the declaration's words and date, and each gift's date and amount. HMRC may
ask for these for six years after the end of the accounting period of the last claim.

    python manage.py erase_personal_data person@example.org            # shows what would change
    python manage.py erase_personal_data person@example.org --confirm  # does it
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from mrdinfo.giving.models import Donation, NewsletterConsent, OutgoingEmail, Subscriber

ERASED_EMAIL = "erased@invalid"


class Command(BaseCommand):
    help = "Erase a donor's or subscriber's personal data, keeping what HMRC requires for Gift Aid."

    def add_arguments(self, parser):
        parser.add_argument("email", help="The person's email address, as they gave it.")
        parser.add_argument("--confirm", action="store_true", help="Make the change (otherwise only report).")

    def handle(self, *args, email, confirm, **options):
        email = email.strip().lower()
        if not email or "@" not in email:
            raise CommandError("Give the person's email address.")
        donations = list(Donation.objects.filter(email__iexact=email))
        subscribers = list(Subscriber.objects.filter(email__iexact=email))
        self.stdout.write(f"{len(donations)} donation(s) and {len(subscribers)} newsletter record(s) for {email}.")
        if not confirm:
            self.stdout.write("Nothing changed. Run again with --confirm to erase.")
            return
        now = timezone.now()
        with transaction.atomic():
            for donation in donations:
                keeps_declaration = hasattr(donation, "declaration")
                donation.email = ERASED_EMAIL
                donation.phone = ""
                donation.address_line_2 = ""
                donation.town = ""
                donation.tribute_name = ""
                donation.contact_by_email = donation.contact_by_post = donation.contact_by_phone = False
                donation.updates_about_this_gift = False
                if not keeps_declaration:
                    # No Gift Aid: nothing here is needed for HMRC.
                    donation.title = ""
                    donation.first_name = "Erased"
                    donation.last_name = ""
                    donation.address_line_1 = ""
                    donation.postcode = ""
                donation.erased_at = now
                donation.save()
                if keeps_declaration:
                    # The declaration keeps name, house name or number and postcode; the rest goes.
                    declaration = donation.declaration
                    declaration.address = ""
                    declaration.save(update_fields=["address"])
                OutgoingEmail.objects.filter(donation=donation).update(to=ERASED_EMAIL, body="")
            for subscriber in subscribers:
                NewsletterConsent.objects.filter(subscriber=subscriber, withdrawn_at__isnull=True).update(
                    withdrawn_at=now
                )
                OutgoingEmail.objects.filter(subscriber=subscriber).update(to=ERASED_EMAIL, body="")
                subscriber.email = f"erased-{subscriber.pk}@invalid"
                subscriber.first_name = ""
                subscriber.status = Subscriber.UNSUBSCRIBED
                subscriber.unsubscribed_at = subscriber.unsubscribed_at or now
                subscriber.save()
        self.stdout.write(self.style.SUCCESS("Erased. Gift Aid records keep only what HMRC requires."))
