"""The site as an operator sets it up (README "Production": `migrate`, `load_content`,
`collectstatic` under the production settings), built once and copied into each drill.

The drills (production server, outages, backups) and `make bench` each used to run those three
commands themselves, several times per CI run and once more on each test worker: about a
fifth of CI's time went on building the same site again. Now the first drill that needs it runs
the commands (the same ones, with the same checks that each succeeds) and the rest copy the
result: the SQLite file and the media folder are copied, the collected static files are shared
read-only. For PostgreSQL drills the loaded database is kept as a template and each drill gets a
fresh `CREATE DATABASE ... TEMPLATE` copy.

A build is keyed by a hash of everything that goes into it (code, migrations, content, static
files, templates, pinned requirements), so a change to any of them builds afresh; processes
(pytest-xdist workers, the later `make bench`) share it through a lock file."""

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

BASE_DIR = Path(__file__).resolve().parents[2]
INPUTS = ("mrdinfo", "content", "static", "templates", "manage.py", "requirements.txt")
ROOT = Path(os.environ.get("PREPARED_SITE_ROOT", Path(tempfile.gettempdir()) / "mrdinfo-prepared-site"))
# Builds drop older databases with this prefix: two checkouts testing on one server at once each
# set their own (PREPARED_SITE_DB_PREFIX) so neither drops the other's.
TEMPLATE_PREFIX = os.environ.get("PREPARED_SITE_DB_PREFIX", "mrdinfo_prepared_")
# The settings a build must not inherit from the test run that asked for it.
ENV_FROM_TEST_RUN = {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def inputs_hash() -> str:
    """A digest of every file that can change what the three commands produce."""
    digest = hashlib.sha256()
    for name in INPUTS:
        top = BASE_DIR / name
        paths = [top] if top.is_file() else sorted(p for p in top.rglob("*") if p.is_file())
        for path in paths:
            if "__pycache__" in path.parts or path.suffix == ".pyc":
                continue
            digest.update(str(path.relative_to(BASE_DIR)).encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def build_env(workdir: Path, **extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in ENV_FROM_TEST_RUN}
    env.update(
        DJANGO_SETTINGS_MODULE="mrdinfo.settings.production",
        SECRET_KEY="prepared-site-" + "p" * 40,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SQLITE_PATH=str(workdir / "db.sqlite3"),
        STATIC_ROOT=str(workdir / "static"),
        MEDIA_ROOT=str(workdir / "media"),
    )
    env.update(extra)
    return env


def run_manage(env: dict[str, str], *args: str) -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if result.returncode != 0:
        raise AssertionError(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")


@contextmanager
def locked(name: str):
    ROOT.mkdir(parents=True, exist_ok=True)
    with open(ROOT / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def remove_old_builds(keep: str) -> None:
    """Every folder built from other inputs; those of these inputs (the site, its PostgreSQL
    media, the migrated SQLite file: each named with the key) stay."""
    for path in ROOT.iterdir():
        if path.is_dir() and not path.name.endswith(keep):
            shutil.rmtree(path, ignore_errors=True)


def sqlite_site() -> Path:
    """A folder holding db.sqlite3, media/ and static/ of a freshly set-up site."""
    key = inputs_hash()
    built = ROOT / key
    with locked("sqlite"):
        if not (built / "done").exists():
            remove_old_builds(keep=key)
            shutil.rmtree(built, ignore_errors=True)
            built.mkdir(parents=True)
            env = build_env(built)
            run_manage(env, "migrate", "--noinput")
            run_manage(env, "load_content")
            run_manage(env, "collectstatic", "--noinput")
            (built / "done").write_text(time.strftime("%Y-%m-%d %H:%M:%S"))
    return built


def sqlite_migrated() -> Path:
    """A SQLite file holding the site as `migrate` leaves it, nothing loaded: the SQLite test
    databases start as copies of it (fixtures.py), as the PostgreSQL ones start from
    `postgres_migrated_template`, instead of each worker running the 242 migrations (about
    40 s a worker on a busy 2-core machine)."""
    key = inputs_hash()
    built = ROOT / f"sqlite-migrated-{key}"
    with locked("sqlite-migrated"):
        if not (built / "done").exists():
            for old in ROOT.glob("sqlite-migrated-*"):
                shutil.rmtree(old, ignore_errors=True)
            built.mkdir(parents=True)
            run_manage(build_env(built), "migrate", "--noinput")
            (built / "done").write_text(time.strftime("%Y-%m-%d %H:%M:%S"))
    return built / "db.sqlite3"


def copy_sqlite_site(workdir: Path) -> Path:
    """The prepared SQLite site in `workdir` (its own database and media; the static files
    shared), where `production_env(workdir)` finds it."""
    built = sqlite_site()
    workdir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(built / "db.sqlite3", workdir / "db.sqlite3")
    shutil.copytree(built / "media", workdir / "media", dirs_exist_ok=True)
    link_static(workdir)
    return workdir


def link_static(workdir: Path) -> None:
    """The collected static files at workdir/static (shared: nothing writes to them)."""
    static = workdir / "static"
    if static.is_symlink():
        static.unlink()
    elif static.exists():  # collected by an earlier run into this folder: may be out of date
        shutil.rmtree(static)
    static.symlink_to(sqlite_site() / "static", target_is_directory=True)


def admin_url_of(database_url: str) -> str:
    """The same server's `postgres` database, from which others are made and dropped."""
    return urlsplit(database_url)._replace(path="/postgres").geturl()


def postgres_migrated_template(database_url: str) -> str:
    """The name of a PostgreSQL database holding the site as `migrate` leaves it, nothing loaded.
    The test databases are made from it (fixtures.py), so the test workers need not run the
    242 migrations each (about 13 s a worker), and the loaded template below starts from it."""
    import psycopg

    key = inputs_hash()
    name = f"{TEMPLATE_PREFIX}migrated_{key}"
    with locked("postgres-migrated"), psycopg.connect(admin_url_of(database_url), autocommit=True) as db:
        if db.execute("SELECT 1 FROM pg_database WHERE datname = %s AND datistemplate", [name]).fetchone():
            return name
        for (old,) in db.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE %s", [f"{TEMPLATE_PREFIX}migrated_%"]
        ).fetchall():
            db.execute(f'ALTER DATABASE "{old}" IS_TEMPLATE false')
            db.execute(f'DROP DATABASE IF EXISTS "{old}" WITH (FORCE)')
        db.execute(f'CREATE DATABASE "{name}"')
        with tempfile.TemporaryDirectory() as scratch:
            run_manage(build_env(Path(scratch), DATABASE_URL=_url_of(database_url, name)), "migrate", "--noinput")
        # Marked as a template only once complete: a half-built one is never copied.
        db.execute(f'ALTER DATABASE "{name}" IS_TEMPLATE true')
    return name


def _url_of(database_url: str, name: str) -> str:
    return urlsplit(database_url)._replace(path=f"/{name}").geturl()


def postgres_template(database_url: str) -> str:
    """The name of a PostgreSQL database holding the migrated site with content loaded (its
    media in the SQLite build's folder beside it: `postgres_media()`)."""
    import psycopg

    key = inputs_hash()
    name = TEMPLATE_PREFIX + key
    media = ROOT / f"pg-media-{key}"
    migrated = postgres_migrated_template(database_url)
    static = sqlite_site() / "static"
    with locked("postgres"), psycopg.connect(admin_url_of(database_url), autocommit=True) as db:
        # Complete only once marked as a template (below): a build killed half-way is made again.
        done = db.execute("SELECT 1 FROM pg_database WHERE datname = %s AND datistemplate", [name]).fetchone()
        if done and media.exists():
            return name
        for (old,) in db.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE %s AND datname NOT LIKE %s",
            [TEMPLATE_PREFIX + "%", f"{TEMPLATE_PREFIX}migrated_%"],
        ).fetchall():
            db.execute(f'ALTER DATABASE "{old}" IS_TEMPLATE false')
            db.execute(f'DROP DATABASE IF EXISTS "{old}" WITH (FORCE)')
        db.execute(f'CREATE DATABASE "{name}" TEMPLATE "{migrated}"')
        shutil.rmtree(media, ignore_errors=True)
        with tempfile.TemporaryDirectory() as scratch:
            env = build_env(
                Path(scratch), DATABASE_URL=_url_of(database_url, name), STATIC_ROOT=str(static), MEDIA_ROOT=str(media)
            )
            run_manage(env, "load_content")
        db.execute(f'ALTER DATABASE "{name}" IS_TEMPLATE true')
    return name


def postgres_media(database_url: str) -> Path:
    postgres_template(database_url)
    return ROOT / f"pg-media-{inputs_hash()}"


def copy_postgres_site(database_url: str, name: str, workdir: Path) -> str:
    """A fresh database `name` copied from the prepared template, with its media in
    workdir/media and the static files at workdir/static; returns the database's URL."""
    import psycopg

    template = postgres_template(database_url)
    # Under the lock: PostgreSQL refuses to copy a template while another copy reads it.
    with locked("postgres"), psycopg.connect(admin_url_of(database_url), autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        db.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    workdir.mkdir(parents=True, exist_ok=True)
    shutil.copytree(postgres_media(database_url), workdir / "media", dirs_exist_ok=True)
    link_static(workdir)
    return _url_of(database_url, name)


if __name__ == "__main__":
    # CI builds the sites and test databases while it lints (.ci/run), so the drills find them ready; the migrated
    # PostgreSQL database first, since the test workers wait for it.
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        postgres_migrated_template(os.environ["DATABASE_URL"])
    sqlite_site()
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        postgres_template(os.environ["DATABASE_URL"])
    sqlite_migrated()  # for the SQLite run, after the PostgreSQL one
    sys.stdout.write(f"prepared site {inputs_hash()} ready in {ROOT}\n")
