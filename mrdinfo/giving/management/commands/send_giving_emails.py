from django.core.management.base import BaseCommand

from mrdinfo.core.operations.outbox import retry
from mrdinfo.giving.models import OutgoingEmail


class Command(BaseCommand):
    help = "Retry donor receipts that have not been sent yet (run from cron)."

    def handle(self, *args, **options):
        self.stdout.write(retry(OutgoingEmail.waiting().order_by("created_at")))
