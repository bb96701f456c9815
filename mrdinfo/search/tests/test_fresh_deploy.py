"""Search on a fresh deploy: the README's production steps (migrate, load_content,
configure_site, update_index) with tasks only queued (as in production before a worker has run
them) leave a search index that answers "remission" with the remission page first."""

import io
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

pytestmark = pytest.mark.django_db

CONTENT = Path(settings.BASE_DIR) / "content"
# Tasks are stored and never run, as in production until `db_worker` gets to them.
QUEUED_ONLY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def result_titles(client, query):
    soup = BeautifulSoup(client.get("/search/", {"q": query}).content, "html.parser")
    return [a.get_text(" ", strip=True) for a in soup.select(".search-results .search-result__title a")]


def readme_production_commands():
    """The manage.py lines of the README's "Production" block, in order."""
    readme = (Path(settings.BASE_DIR) / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Production", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    return [line.split("#")[0].split()[2] for line in block.splitlines() if line.startswith("python manage.py")]


@override_settings(TASKS=QUEUED_ONLY)
def test_the_readmes_production_steps_build_the_search_index(client):
    commands = readme_production_commands()
    assert "update_index" in commands and commands.index("update_index") > commands.index("load_content")
    out = io.StringIO()
    for command in commands:
        if command == "load_content":
            call_command(command, "--content-dir", str(CONTENT), stdout=out)
        elif command in ("configure_site", "update_index"):
            call_command(command, stdout=out)
    titles = result_titles(client, "remission")
    assert titles and titles[0] == "What remission means", titles
