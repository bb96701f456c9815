"""Backup and restore: the database and the uploaded media, into one folder.

- PostgreSQL: `pg_dump --format=custom` (a consistent snapshot while the site runs), restored
  with `pg_restore --single-transaction` into an empty database.
- SQLite: the sqlite3 online backup API (a consistent copy while the site runs), restored by
  copying the file into place where there is no database yet.
- Media (MEDIA_ROOT): a gzipped tar, restored into MEDIA_ROOT.

Used by `manage.py backup_site DIR` and `manage.py restore_site DIR` (README "Backups")."""

import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connections

POSTGRES_FILE = "database.pgdump"
SQLITE_FILE = "database.sqlite3"
MEDIA_FILE = "media.tar.gz"


class BackupError(Exception):
    pass


def database_settings() -> dict[str, Any]:
    return connections["default"].settings_dict


def is_postgres() -> bool:
    return database_settings()["ENGINE"] == "django.db.backends.postgresql"


def postgres_env_and_args() -> tuple[dict[str, str], list[str]]:
    db = database_settings()
    env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
    args = ["--host", db.get("HOST") or "localhost", "--port", str(db.get("PORT") or 5432)]
    args += ["--username", db.get("USER") or "postgres", "--dbname", db["NAME"]]
    return env, args


def run(command: list[str], env: dict[str, str] | None = None) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed (apt-get install -y postgresql-client)")
    result = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603 - fixed programs
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def backup(destination: str | Path) -> Path:
    destination = Path(destination)
    destination.mkdir(parents=True, exist_ok=True)
    if is_postgres():
        env, args = postgres_env_and_args()
        run(["pg_dump", "--format=custom", "--no-owner", "--file", str(destination / POSTGRES_FILE), *args], env)
    else:
        connections["default"].ensure_connection()
        target = sqlite3.connect(destination / SQLITE_FILE)
        with target:
            connections["default"].connection.backup(target)
        target.close()
    media_root = Path(settings.MEDIA_ROOT)
    with tarfile.open(destination / MEDIA_FILE, "w:gz") as archive:
        if media_root.exists():
            archive.add(media_root, arcname=".")
    return destination


def restore(source: str | Path) -> None:
    source = Path(source)
    if is_postgres():
        if connections["default"].introspection.table_names():
            raise BackupError(f"the database {database_settings()['NAME']} is not empty: restore into an empty one")
        env, args = postgres_env_and_args()
        run(["pg_restore", "--no-owner", "--single-transaction", "--exit-on-error", *args,
             str(source / POSTGRES_FILE)], env)  # fmt: skip
    else:
        path = Path(database_settings()["NAME"])
        connections["default"].close()
        if path.exists() and path.stat().st_size > 0:
            raise BackupError(f"{path} already exists: restore where there is no database yet")
        shutil.copyfile(source / SQLITE_FILE, path)
    media_root = Path(settings.MEDIA_ROOT)
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(source / MEDIA_FILE, "r:gz") as archive:
        archive.extractall(media_root, filter="data")  # "data": no absolute paths, links or devices
