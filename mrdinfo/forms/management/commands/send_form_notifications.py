from django.core.management.base import BaseCommand

from mrdinfo.forms.models import FormNotification


class Command(BaseCommand):
    help = "Retry emails to staff about form submissions that have not been sent yet (run from cron)."

    def handle(self, *args, **options):
        pending = FormNotification.objects.filter(
            sent_at__isnull=True, attempts__lt=FormNotification.MAX_ATTEMPTS
        ).select_related("submission__page")
        sent = failed = 0
        for notification in pending:
            if notification.deliver():
                sent += 1
            else:
                failed += 1
        self.stdout.write(f"{sent} sent, {failed} failed and will be tried again.")
