"""Production: gunicorn behind an HTTPS proxy, PostgreSQL, Redis, the task worker.
Refuses to start without SECRET_KEY and ALLOWED_HOSTS."""

from .base import *  # noqa: F403
from .env import env_bool, env_int, env_list, env_required, env_str

DEBUG = False
SECRET_KEY = env_required(
    "SECRET_KEY",
    "Set it to a long random string, e.g. from `python -c 'import secrets; print(secrets.token_urlsafe(50))'`.",
)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    env_required(
        "ALLOWED_HOSTS",
        "Set it to the site's host names, comma-separated, e.g. mrdinfo.org.uk,www.mrdinfo.org.uk.",
    )

# HTTPS: the proxy terminates TLS and says so in X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = True

# Background tasks go to the database and are run by `python manage.py db_worker`.
TASKS = {
    "default": {
        "BACKEND": env_str("TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
# The Understanding MRD booklet (PDF) is built by the task worker after each content change,
# so pages show its size and page count at once (information/booklet_cache.py).
BOOKLET_BUILD_IN_BACKGROUND = env_bool("BOOKLET_BUILD_IN_BACKGROUND", True)

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
