"""Cache hits answered at the WSGI entrance, before Django handles the request.

Most of what a cache hit cost was Django's own handling around it, not the cache: the
request_started and request_finished signals (which look at every database connection), the
middleware chain, and an HttpResponse whose every stored header is checked again as it is set.
A plain hit needs none of these: the stored copy already holds every header the middleware
added when it was rendered. So mrdinfo/wsgi.py wraps Django's application in
`CachedPagesFirst`, which answers a GET at once when the page cache holds a current copy that
needs no CSRF token (a fresh spam time stamp is put in as the middleware would), and hands every
other request to Django unchanged, where PageCacheMiddleware serves stale copies, form pages,
conditional requests (304) and HEAD, renders misses and stores them. Both decide with the same
rules (page_keys.request_is_cacheable) and the same lookup (page_lookup.look_up), so a request
gets the same answer whichever door it comes through; only `X-Cache: hit` is the same too.

`make bench` measures it (cached against the static file); core/caching/tests/test_early_hits.py
checks that a hit skips Django and that everything else still goes through it."""

import logging
from collections.abc import Callable, Iterable
from http.client import responses
from typing import Any

from django.core.handlers.wsgi import WSGIRequest

from . import visitor_parts
from .page_cache import CONDITIONAL_HEADERS
from .page_keys import request_is_cacheable
from .page_lookup import look_up

logger = logging.getLogger(__name__)

WSGIApplication = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


class CachedPagesFirst:
    """A WSGI application: the page cache's plain hits, else `application` (Django's)."""

    def __init__(self, application: WSGIApplication) -> None:
        self.application = application

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        answer = self.stored_answer(environ)
        if answer is None:
            return self.application(environ, start_response)
        status, headers, body = answer
        start_response(status, headers)
        return [body]

    def stored_answer(self, environ: dict[str, Any]) -> tuple[str, list[tuple[str, str]], bytes] | None:
        if environ.get("REQUEST_METHOD") != "GET" or any(header in environ for header in CONDITIONAL_HEADERS):
            return None  # HEAD and revalidations (If-None-Match...) are answered by the middleware
        try:
            request = WSGIRequest(environ)
            if not request_is_cacheable(request):
                return None
            lookup = look_up(request)  # a host not allowed raises here: Django answers it with a 400
        except Exception:  # noqa: BLE001  the cache is down or the request is bad: Django's handling decides
            return None
        stored = lookup.stored
        if stored is None or not lookup.is_current or not lookup.copy_applies(request.GET):
            return None
        if visitor_parts.CSRF_FIELD in stored.body.slots:
            return None  # Django's CSRF middleware gives the token (and cookie) that match
        body = visitor_parts.put_in(request, stored.body)  # a fresh spam time stamp, say
        headers = [*stored.headers, ("Content-Length", str(len(body))), ("X-Cache", "hit")]
        return f"{stored.status} {responses.get(stored.status, '')}".rstrip(), headers, body
