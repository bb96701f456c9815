from django.core.management.base import BaseCommand

from mrdinfo.newsletter.models import NewsletterEmail


class Command(BaseCommand):
    help = "Retry newsletter emails (sign-up confirmations, welcomes) that have not been sent yet (run from cron)."

    def handle(self, *args, **options):
        pending = NewsletterEmail.objects.filter(sent_at__isnull=True, attempts__lt=NewsletterEmail.MAX_ATTEMPTS)
        sent = failed = 0
        for email in pending.order_by("created_at"):
            if email.deliver():
                sent += 1
            else:
                failed += 1
        self.stdout.write(f"{sent} sent, {failed} failed and will be tried again.")
