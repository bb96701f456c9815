import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "For `make run`: make sure there is an editor account for /admin/ and say how to log in."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", default="editor")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("create_dev_editor is for local development only (DEBUG is off).")
        User = get_user_model()
        username = options["username"]
        if User.objects.filter(username=username).exists():
            self.stdout.write(
                f"Log in to the editor at http://127.0.0.1:8000/admin/ as “{username}” with the password printed "
                f"when it was made. Forgotten it? Run: .venv/bin/python manage.py changepassword {username}"
            )
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email="", password=password)
        self.stdout.write(
            self.style.SUCCESS(
                f"Log in to the editor at http://127.0.0.1:8000/admin/ as “{username}” with password {password}\n"
                "(shown once; change it with: .venv/bin/python manage.py changepassword editor)"
            )
        )
