"""Delete or anonymise personal data past its retention period, as the register says
(core/records/personal_data.py, the privacy notice's table). Safe to run any number of times; the deploy
timer (deploy/systemd/mrdinfo-prune-personal-data.timer) runs it daily.

    python manage.py prune_personal_data
"""

from typing import Any

from django.core.management.base import BaseCommand

from mrdinfo.privacy.service import prune


class Command(BaseCommand):
    help = "Delete or anonymise personal data past its retention period (logs how many of each kind)."

    def handle(self, *args: Any, **options: Any) -> None:
        for key, count in prune().items():
            self.stdout.write(f"{key}: {count}")
