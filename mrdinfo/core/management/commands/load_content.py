from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from mrdinfo.core.content.errors import ContentError
from mrdinfo.core.content.loader import ContentLoader


class Command(BaseCommand):
    help = (
        "Create or update the site from the files in content/ (see content/README.md). "
        "Publishes a new revision only where a file changed; a mistake stops everything."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--content-dir", default=str(Path(settings.BASE_DIR) / "content"))
        parser.add_argument(
            "--overwrite-edits",
            action="store_true",
            help="Also replace pages whose latest revision was made by a person in Wagtail.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        loader = ContentLoader(options["content_dir"], overwrite_edits=options["overwrite_edits"])
        try:
            report = loader.load()
        except ContentError as error:
            raise CommandError(f"{error}\nNothing was changed.") from None
        for line in report.other:
            self.stdout.write(f"  {line}")
        for url in report.created:
            self.stdout.write(f"  created {url}")
        for url in report.updated:
            self.stdout.write(f"  updated {url}")
        for url in report.skipped_edited:
            self.stdout.write(
                self.style.WARNING(f"  left alone {url}: an editor changed it in Wagtail (use --overwrite-edits)")
            )
        self.stdout.write(self.style.SUCCESS(f"Content loaded: {report.summary()}."))
