from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from mrdinfo.editorial.digest import send_digests


class Command(BaseCommand):
    help = (
        "Email each clinical reviewer the medical pages overdue for review or due in the next 30 days "
        "(run daily or weekly from cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Say who would get which pages; send nothing.")

    def handle(self, *args, **options):
        sent, failed = send_digests(timezone.localdate(), dry_run=options["dry_run"])
        verb = "would email" if options["dry_run"] else "emailed"
        for digest in sent:
            titles = ", ".join(page.title for page in digest.pages)
            self.stdout.write(f"  {verb} {digest.reviewer.email}: {titles}")
        self.stdout.write(f"Review digests: {len(sent)} sent, {len(failed)} failed.")
        if failed:
            # Non-zero exit, so cron reports it; the pages are still due and go again next time.
            raise CommandError(f"{len(failed)} review digest(s) could not be sent: see the log.")
