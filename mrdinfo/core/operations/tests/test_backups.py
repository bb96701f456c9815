"""Backup and restore drill: back up a loaded site (database + media), restore it into an empty
database and an empty media folder, and every page renders the same."""

import os
import subprocess
import sys
from urllib.parse import urlsplit

import pytest

from django.conf import settings

from mrdinfo.testing import prepared_site

from .test_production_server import manage, production_env

RENDER_EVERY_PAGE = """
import hashlib, re
from django.test import Client
from wagtail.models import Page
client = Client()
urls = [page.url for page in Page.objects.live().filter(depth__gt=1).order_by("path")] + ["/sitemap.xml"]
for url in urls:
    response = client.get(url, HTTP_HOST="localhost", secure=True)
    # Per-visit tokens in forms differ on every render; everything else must match.
    body = re.sub(rb'name="(csrfmiddlewaretoken|form_started)" value="[^"]*"', b"", response.content)
    print(url, response.status_code, hashlib.sha256(body).hexdigest())
"""


def render_every_page(env):
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", RENDER_EVERY_PAGE],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return [line for line in result.stdout.splitlines() if line.startswith("/")]


def media_files(root):
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


POSTGRES_URL = os.environ.get("DATABASE_URL", "")


def postgres_databases(names):
    """Fresh, empty databases beside the test run's own; dropped afterwards."""
    import psycopg

    url = urlsplit(POSTGRES_URL)
    admin_url = url._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as db:
        for name in names:
            db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            db.execute(f'CREATE DATABASE "{name}"')
    return [url._replace(path=f"/{name}").geturl() for name in names], admin_url


@pytest.mark.parametrize(
    "engine",
    [
        "sqlite",
        pytest.param(
            "postgres",
            marks=pytest.mark.skipif(not POSTGRES_URL.startswith("postgres"), reason="needs PostgreSQL"),
        ),
    ],
)
def test_a_restored_backup_renders_every_page_the_same(tmp_path, engine):
    original, restored = tmp_path / "original", tmp_path / "restored"
    static = {"STATIC_ROOT": str(prepared_site.sqlite_site() / "static")}
    env_a = production_env(original, **static)
    env_b = production_env(restored, **static)
    # The original is the site as migrate, load_content and collectstatic leave it, built once
    # for every drill (testing/prepared_site.py); the restore goes into an empty database.
    if engine == "postgres":
        base = urlsplit(POSTGRES_URL).path.strip("/")
        names = [f"{base}_backup_original", f"{base}_backup_restored"]
        [url_b], admin_url = postgres_databases(names[1:])
        env_a["DATABASE_URL"] = prepared_site.copy_postgres_site(POSTGRES_URL, names[0], original)
        env_b["DATABASE_URL"] = url_b
    else:
        prepared_site.copy_sqlite_site(original)
    try:
        before = render_every_page(env_a)  # also makes the share image's renditions in media/
        manage(env_a, "backup_site", str(tmp_path / "backup"))

        restored.mkdir(exist_ok=True)
        manage(env_b, "restore_site", str(tmp_path / "backup"))
        after = render_every_page(env_b)
        assert len(before) >= 6 and all(" 200 " in line for line in before)
        assert after == before
        assert media_files(restored / "media") == media_files(original / "media") != []
        # A second restore over a database in use is refused: a restore never mixes two sites.
        result = subprocess.run(
            [sys.executable, "manage.py", "restore_site", str(tmp_path / "backup")],
            cwd=settings.BASE_DIR,
            env=env_b,
            capture_output=True,
            text=True,
        )
        assert result.returncode != 0 and "restore" in result.stderr
    finally:
        if engine == "postgres":
            import psycopg

            with psycopg.connect(admin_url, autocommit=True) as db:
                for name in names:
                    db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
