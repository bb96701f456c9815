"""Local development: `make run`. DEBUG on, SQLite unless DATABASE_URL says otherwise."""

from .base import *  # noqa: F403
from .env import env_list, env_str

DEBUG = True
SECRET_KEY = env_str("SECRET_KEY", "dev-only-not-secret-4c1c0b7c6b1d4a0e9d2e")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# `make measure` renders each page with this header rather than reading the page cache.
PAGE_CACHE_BYPASS_TOKEN = env_str("PAGE_CACHE_BYPASS_TOKEN", "dev-only-page-cache-bypass")
