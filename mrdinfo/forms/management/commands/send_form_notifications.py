from django.core.management.base import BaseCommand

from mrdinfo.core.operations.outbox import retry
from mrdinfo.forms.models import FormNotification


class Command(BaseCommand):
    help = "Retry emails to staff about form submissions that have not been sent yet (run from cron)."

    def handle(self, *args, **options):
        self.stdout.write(retry(FormNotification.waiting().select_related("submission__page")))
