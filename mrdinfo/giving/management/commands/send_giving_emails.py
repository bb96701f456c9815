from django.core.management.base import BaseCommand

from mrdinfo.giving.models import OutgoingEmail


class Command(BaseCommand):
    help = "Retry donor receipts that have not been sent yet (run from cron)."

    def handle(self, *args, **options):
        pending = OutgoingEmail.objects.filter(sent_at__isnull=True, attempts__lt=OutgoingEmail.MAX_ATTEMPTS)
        sent = failed = 0
        for email in pending.order_by("created_at"):
            if email.deliver():
                sent += 1
            else:
                failed += 1
        self.stdout.write(f"{sent} sent, {failed} failed and will be tried again.")
