from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, CommandParser

from mrdinfo.core.operations.site_address import configure_default_site, site_url


class Command(BaseCommand):
    help = (
        "Point the default Wagtail site at the real address (SITE_URL, else WAGTAILADMIN_BASE_URL), "
        "so canonical links, sharing previews and the sitemap use it. Safe to run on every deploy."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--url", help="the site's address, e.g. https://mrdinfo.org.uk (default: SITE_URL)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            site = configure_default_site(options["url"] or site_url())
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(f"The default site is now {site.root_url}/ ({site.root_page.title})."))
