"""The test suite: `make test`. Uses DATABASE_URL and REDIS_URL when they are set, so CI runs
the same tests on SQLite + local memory and on PostgreSQL + Redis."""

import tempfile

from .base import *  # noqa: F403
from .env import env_str

DEBUG = False
SECRET_KEY = "test-only-not-secret"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests need no collectstatic: WhiteNoise finds files in the apps and static/ directly.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
MEDIA_ROOT = tempfile.mkdtemp(prefix="mrdinfo-test-media-")
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
if REDIS_URL:  # noqa: F405
    # Keep test keys apart from anything else using this Redis server.
    CACHES["default"]["KEY_PREFIX"] = env_str("CACHE_KEY_PREFIX", "mrdinfo-test")  # noqa: F405
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
LOGGING["loggers"]["wagtail"] = {"level": "WARNING"}  # noqa: F405
