"""The test suite: `make test`. Uses DATABASE_URL and REDIS_URL when they are set, so CI runs
the same tests on SQLite + local memory and on PostgreSQL + Redis."""

import atexit
import os
import shutil
import tempfile
from urllib.parse import urlsplit, urlunsplit

from .base import *  # noqa: F403
from .env import env_str

DEBUG = False
SECRET_KEY = "test-only-not-secret"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests need no collectstatic: WhiteNoise finds files in the apps and static/ directly.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
MEDIA_ROOT = tempfile.mkdtemp(prefix="mrdinfo-test-media-")
# Each test process (and each xdist worker) has its own; uploaded images and renditions go with it.
atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
if REDIS_URL:
    # Tests must see a cache that fails (a silently skipped cache.clear() leaves stale pages from
    # the previous test), and a busy CI machine can be slower than production's 250 ms timeouts.
    # The outage drills (core/operations/tests/test_outages.py) run gunicorn with the production settings.
    CACHES["default"]["OPTIONS"].update(
        {"IGNORE_EXCEPTIONS": False, "SOCKET_CONNECT_TIMEOUT": 10, "SOCKET_TIMEOUT": 10}
    )
    CACHES["default"]["OPTIONS"].pop("CONNECTION_POOL_CLASS")
    # Keep test keys apart from anything else using this Redis server.
    CACHES["default"]["KEY_PREFIX"] = env_str("CACHE_KEY_PREFIX", "mrdinfo-test")
    # Tests clear the cache (FLUSHDB), so parallel workers each get their own Redis database:
    # gw0 uses the database in REDIS_URL, gw1 the one below it, and so on.
    _worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if _worker.startswith("gw"):
        _url = urlsplit(REDIS_URL)
        _db = (int(_url.path.strip("/") or 0) - int(_worker[2:])) % 16
        CACHES["default"]["LOCATION"] = urlunsplit(_url._replace(path=f"/{_db}"))
# Creating, flushing and dropping test databases on a busy CI machine can take longer than a
# web request may: no statement limit here (outage drills run production settings instead).
DATABASES["default"].get("OPTIONS", {}).pop("options", None)
LOGGING["root"]["level"] = "WARNING"
LOGGING["loggers"]["wagtail"] = {"level": "WARNING"}
# Tests that count a page's queries render it fresh with this header (core/measuring/queries.py).
PAGE_CACHE_BYPASS_TOKEN = "test-page-cache-bypass"
