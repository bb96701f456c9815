"""WSGI entry point for gunicorn: `gunicorn mrdinfo.wsgi`. Production settings unless
DJANGO_SETTINGS_MODULE says otherwise. The page cache's plain hits are answered before Django
handles the request (core/caching/early_hits.py); everything else is Django's."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mrdinfo.settings.production")

django_application = get_wsgi_application()

from mrdinfo.core.caching.early_hits import CachedPagesFirst  # noqa: E402  after Django is set up

application = CachedPagesFirst(django_application)
