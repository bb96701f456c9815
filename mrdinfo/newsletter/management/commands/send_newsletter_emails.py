from django.core.management.base import BaseCommand

from mrdinfo.core.operations.outbox import retry
from mrdinfo.newsletter.models import NewsletterEmail


class Command(BaseCommand):
    help = "Retry newsletter emails (sign-up confirmations, welcomes) that have not been sent yet (run from cron)."

    def handle(self, *args, **options):
        self.stdout.write(retry(NewsletterEmail.waiting().order_by("created_at")))
