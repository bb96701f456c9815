"""Settings shared by every environment. Everything that differs between machines comes from
the environment; see README.md ("Configuration") for the list."""

from pathlib import Path
from typing import Any

import dj_database_url

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "mrdinfo"

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Our apps first, so their templates override Wagtail's where they share a name.
    "mrdinfo.core",
    "mrdinfo.home",
    "mrdinfo.general",
    "mrdinfo.information",
    "mrdinfo.explainer",
    "mrdinfo.forms",
    "mrdinfo.giving",
    "mrdinfo.newsletter",
    "mrdinfo.news",
    "mrdinfo.promotions",
    "mrdinfo.people",
    "mrdinfo.events",
    "wagtail.contrib.routable_page",
    "mrdinfo.search",
    "mrdinfo.feedback",
    "mrdinfo.editorial",
    "mrdinfo.privacy",
    "wagtail.contrib.settings",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    # First: a cached page is answered before any other middleware runs (its stored copy already
    # holds the headers the others add); it leaves static files to WhiteNoise.
    "mrdinfo.core.caching.page_cache.PageCacheMiddleware",
    # The visitor's address, once (core/operations/client_address.py): limits, lockouts and logs use it.
    "mrdinfo.core.operations.client_address.ClientAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # WhiteNoise answers static-file requests before anything touches the database.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Wagtail's Site for the host from the cache (core/pages/routing.py): no query for it on a render.
    "mrdinfo.core.pages.routing.SiteLookupMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "mrdinfo.core.operations.security.PermissionsPolicyMiddleware",
    "mrdinfo.core.operations.security.ContentSecurityPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "mrdinfo.urls"
# A failed CSRF check gets the site's own page (core/operations/views.py), not Django's inline-styled one.
CSRF_FAILURE_VIEW = "mrdinfo.core.operations.views.csrf_failure"
WSGI_APPLICATION = "mrdinfo.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "mrdinfo.core.pages.context_processors.site_chrome",
            ],
        },
    },
]

# Databases: SQLite file by default, PostgreSQL (or anything dj-database-url knows) from DATABASE_URL.
# CONN_MAX_AGE 0: a connection per request. A kept connection to a database that then stops
# answering (a stopped server, a silent network) waits with no limit libpq can set, so each
# worker was held until gunicorn killed it (30 s); a fresh one is bounded by the connect timeout
# below (core/operations/tests/test_outages.py, the freeze drill). Cached pages ask nothing.
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{env_str('SQLITE_PATH', str(BASE_DIR / 'db.sqlite3'))}",
        conn_max_age=env_int("CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database that does not answer must cost seconds, not a worker: give up connecting after
    # DATABASE_CONNECT_TIMEOUT (libpq's minimum is 2 s) and stop any statement after
    # DATABASE_STATEMENT_TIMEOUT_MS. Keepalives notice a server that went away mid-connection.
    # DATABASE_STATEMENT_TIMEOUT_MS=0 turns the statement limit off (e.g. for a long migration).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "connect_timeout": env_int("DATABASE_CONNECT_TIMEOUT", 2),
            "keepalives": 1,
            "keepalives_idle": 10,
            "keepalives_interval": 5,
            "keepalives_count": 2,
        }
    )
    if env_int("DATABASE_STATEMENT_TIMEOUT_MS", 30_000) > 0:
        DATABASES["default"]["OPTIONS"]["options"] = (
            f"-c statement_timeout={env_int('DATABASE_STATEMENT_TIMEOUT_MS', 30_000)}"
        )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache, the page cache and the CDN purge: caches.py.
from .caches import *  # noqa: E402, F403

# Background tasks (Wagtail 8 uses django-tasks): run at once here; production uses the
# database worker (see production.py and README.md).
TASKS: dict[str, dict[str, Any]] = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Build the booklet (PDF) after each content change as a task: not with tasks run at once, which
# would make every save wait seconds for it; then the first request for it builds it.
BOOKLET_BUILD_IN_BACKGROUND = env_bool("BOOKLET_BUILD_IN_BACKGROUND", False)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT: str | Path = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploaded images and documents on S3-compatible object storage (django-storages) when a bucket is
# named, so every app server sees every upload; otherwise on local disk under MEDIA_ROOT (one
# server, or a folder every server shares). Either way addresses stay under MEDIA_URL (/media/) on
# the site's own host: nginx serves /media/ from the folder or fetches it from the bucket
# (deploy/nginx, README "Production"), so pages need no other host in their CSP.
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    from botocore.config import Config

    STORAGES["default"] = {
        "BACKEND": "mrdinfo.core.operations.storage.MediaObjectStorage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            # Set for an S3-compatible service (MinIO, Ceph, another cloud's S3); empty for AWS.
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL") or None,
            "region_name": env_str("AWS_S3_REGION_NAME") or None,
            # Path-style addresses (endpoint/bucket/key) work on every S3-compatible service.
            "addressing_style": env_str("AWS_S3_ADDRESSING_STYLE", "path"),
            "location": env_str("AWS_LOCATION"),
            # Uploads never replace each other: Wagtail picks a new name when one is taken.
            "file_overwrite": False,
            # Addresses are the site's own /media/... (see core/operations/storage.py), never signed URLs.
            "querystring_auth": False,
            "object_parameters": {"CacheControl": "public, max-age=86400"},
            # A bucket that hangs costs seconds, not a worker: botocore's defaults are 60 s each.
            "client_config": Config(
                connect_timeout=env_int("AWS_S3_CONNECT_TIMEOUT", 3),
                read_timeout=env_int("AWS_S3_READ_TIMEOUT", 10),
                retries={"max_attempts": 2, "mode": "standard"},
                s3={"addressing_style": env_str("AWS_S3_ADDRESSING_STYLE", "path")},
            ),
        },
    }
    # Credentials: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY from the environment (read by boto3),
    # or the machine's instance role.
# Files without a hash in their name (favicon, robots) may change, so cache them for a day only;
# hashed names are cached for ten years by WhiteNoise.
WHITENOISE_MAX_AGE = 60 * 60 * 24

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Security headers and the content security policies: security_headers.py.
# Logging: log_config.py.
from .log_config import *  # noqa: E402, F403
from .security_headers import *  # noqa: E402, F403

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
# A mail server that never answers must not hold the task worker: give up after this many seconds
# (the notification is kept and retried by send_form_notifications).
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "mrdinfo <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Wagtail
# The admin (sign-in, dashboard, emails) carries the charity's name, not the project's.
WAGTAIL_SITE_NAME = env_str("WAGTAIL_SITE_NAME", "Children with Cancer UK")
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# The public address: `configure_site` puts it on the Wagtail Site (canonical links, sitemap).
SITE_URL = env_str("SITE_URL")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Documents always go through Wagtail's view (its privacy checks, download headers, CSP), from
# disk or from the bucket alike; nginx refuses /media/documents/ so nobody can go around it.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAIL_ENABLE_UPDATE_CHECK = False  # no calls home from the admin
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no calls to gravatar.com: avatars are initials or uploads

# Editing (mrdinfo/editorial, docs/EDITORS_GUIDE.md). A finished workflow publishes through
# editorial's action: a clinical sign-off first writes the reviewer and date onto the page.
WAGTAIL_FINISH_WORKFLOW_ACTION = "mrdinfo.editorial.workflow.finish_workflow"
# An edit made while a page waits for sign-off must be approved again: a clinician signs off
# what goes live, not an earlier draft.
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
# Autosave (Wagtail 8: drafts saved as editors type, conflicts between two editors flagged) and
# editing locks are on by default; these say so. Scheduled publishing needs `publish_scheduled`
# from cron (deploy/systemd/mrdinfo-publish-scheduled.timer).
WAGTAIL_AUTOSAVE_INTERVAL = env_int("WAGTAIL_AUTOSAVE_INTERVAL", 500)
WAGTAILADMIN_GLOBAL_EDIT_LOCK = False  # a lock stops others editing; the owner may still edit
WAGTAIL_WORKFLOW_ENABLED = True

# Giving (mrdinfo/giving, README.md "Donations and Stripe"): Stripe Checkout when both keys are
# set; otherwise the clearly labelled test-mode provider, which takes no money.
STRIPE_SECRET_KEY = env_str("STRIPE_SECRET_KEY")
STRIPE_WEBHOOK_SECRET = env_str("STRIPE_WEBHOOK_SECRET")
# Each call to Stripe gives up after STRIPE_TIMEOUT seconds and is retried once (stripe's own
# retries, only for failures it knows are safe to repeat), so a provider that hangs gives the donor
# the "no money has been taken" page in about 2 x 4 s, well inside gunicorn's --timeout 30.
STRIPE_TIMEOUT = env_int("STRIPE_TIMEOUT", 4)
STRIPE_API_BASE = env_str("STRIPE_API_BASE")  # empty: Stripe's own; a test may point it elsewhere
STRIPE_MAX_NETWORK_RETRIES = env_int("STRIPE_MAX_NETWORK_RETRIES", 1)
# Purge requests to a Varnish-style cache (core/caching/purge_backends.py) give up after this many seconds.
FRONTEND_CACHE_TIMEOUT = env_int("FRONTEND_CACHE_TIMEOUT", 5)
# A staging copy may use the test-mode provider; `check --deploy` warns on any other (giving/checks.py).
GIVING_TEST_MODE_ALLOWED = env_bool("GIVING_TEST_MODE_ALLOWED", False)
# Rate limits for the donation and newsletter forms (GIVING_RATE_LIMITS, NEWSLETTER_RATE_LIMITS
# override their defaults) are counted in the default cache (Redis in
# production), by the visitor's address as core/client_address.client_ip works it out (CLIENT_IP_HEADER
# below); if the cache cannot count, the gift goes through rather than turn a donor away.
# Uploads: a 100-megapixel image took a worker to 628 MB making its thumbnail; refuse over ~40 MP.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = env_int("WAGTAILIMAGES_MAX_IMAGE_PIXELS", 40_000_000)

from .visitors import *  # noqa: E402, F403
