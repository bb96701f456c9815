"""Wagtail's HTTP purge backend (Varnish-style PURGE requests) with a timeout: Wagtail's own
calls urlopen() without one, so a cache server that accepts and never answers would hold the task
worker for good. A purge that times out is logged; the page cache still clears at once."""

import logging
from typing import Any
from urllib.error import URLError
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings

from wagtail import __version__
from wagtail.contrib.frontend_cache.backends.http import HTTPBackend, PurgeRequest

logger = logging.getLogger("wagtail.frontendcache")


class TimedHTTPBackend(HTTPBackend):
    def purge(self, url: str) -> None:
        parsed = urlsplit(url)
        host = parsed.hostname or ""
        if parsed.port:
            host += f":{parsed.port}"
        request = PurgeRequest(
            url=urlunsplit([self.cache_scheme, self.cache_netloc, parsed.path, parsed.query, parsed.fragment]),
            headers={"Host": host, "User-Agent": "Wagtail-frontendcache/" + __version__},
        )
        timeout: Any = settings.FRONTEND_CACHE_TIMEOUT
        try:
            from urllib.request import urlopen

            urlopen(request, timeout=timeout)  # noqa: S310 - the configured LOCATION's scheme
        except (URLError, TimeoutError, OSError) as error:
            logger.error("Couldn't purge '%s' from HTTP cache: %s", url, error)
