"""The full-page cache: anonymous visitors get a stored copy of a public page.

Built on Django's cache machinery (django.utils.cache) rather than wagtail-cache, which does
not support Wagtail 8. It is the first middleware, so a hit costs one round trip to the shared
cache (one `get_many`) and nothing else. A page is served from the cache, or stored in it, only
when it is the same for everyone but its per-visitor parts (visitor_parts.py):

- the request is a GET or HEAD (only GETs are stored), has no session or messages cookie and no
  Authorization header (so editors and anyone with a session always get a fresh page), is not
  for the admin, a static file or a preview, and does not carry the operator's bypass header;
- the response is a 200, 301 or 404, sets no cookie but the CSRF one, is not streamed, does not
  say `private`, `no-store` or `no-cache`, and varies on nothing but the cookie (which the first
  condition already rules out) or the encoding. A page with a form is stored with its CSRF
  token and spam time stamp taken out; each visitor gets fresh ones (and the CSRF cookie) and
  the page `private, no-store`.

The key (page_keys.py) is made of the query parameters the page READ when it was rendered, so
`?junk=<random>` is served the plain page's copy and stores nothing. Each copy also keeps the
values it was rendered with and is served only to a request that has the same ones.

Content changes (caching.py) move the content generation on. A copy from an older generation
is then stale: the first request for it takes a short lock in the shared cache and renders the
page afresh while every other request is served the stale copy (`X-Cache: stale`), so a publish
under load costs one render per page, not one per visitor. Stale copies are served only for
PAGE_CACHE_STALE_SECONDS after the change and only while the lock (PAGE_CACHE_LOCK_SECONDS) is
held; a change that takes a page away from visitors (unpublished, moved, view restrictions)
moves the purge generation too, and no copy from before it is ever served again.

Every public page also gets CDN-ready Cache-Control: shared caches may keep it (`s-maxage`,
purged on change by caching.purge_frontend_cache), browsers revalidate each time (`max-age=0`),
and a CDN may serve a stale copy while it refetches or when the site is down. Responses that
are personal (logged in, session, CSRF token, POST, preview) are `private, no-store`.

`X-Cache: hit`, `stale`, `miss` (stored now) or `bypass` (not cacheable) says what happened."""

import logging
import time
from collections.abc import Callable
from typing import cast

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.utils.cache import cc_delim_re, get_conditional_response, patch_cache_control, set_response_etag

from mrdinfo.core.caching import query_reads, visitor_parts
from mrdinfo.core.operations.security import is_admin_path

from .page_keys import LOCK_KEY, page_key, reads_key, request_is_cacheable, values_for
from .page_lookup import Lookup, StoredPage, look_up

logger = logging.getLogger(__name__)

CACHEABLE_STATUSES = {200, 301, 404}
HARMLESS_VARY = {"cookie", "accept-encoding"}
PERSONAL_DIRECTIVES = {"private", "no-store", "no-cache"}
CONDITIONAL_HEADERS = ("HTTP_IF_MATCH", "HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_UNMODIFIED_SINCE")


def cache_control_directives(response: HttpResponseBase) -> set[str]:
    return {part.split("=", 1)[0].strip().lower() for part in cc_delim_re.split(response.get("Cache-Control", ""))}


def response_is_cacheable(request: HttpRequest, response: HttpResponseBase) -> bool:
    if request.method != "GET" or response.status_code not in CACHEABLE_STATUSES:
        return False
    if response.streaming or set(response.cookies) - {settings.CSRF_COOKIE_NAME}:
        return False  # the CSRF cookie is each visitor's own and is set again when served
    if getattr(request, "is_preview", False):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    if cache_control_directives(response) & PERSONAL_DIRECTIVES:
        return False
    vary = {header.strip().lower() for header in cc_delim_re.split(response.get("Vary", "")) if header.strip()}
    return vary <= HARMLESS_VARY


def is_personal(request: HttpRequest, response: HttpResponseBase) -> bool:
    """Made for this visitor alone: shared caches and browsers' disk caches must not keep it."""
    if request.method not in ("GET", "HEAD") or is_admin_path(request.path_info):
        return True
    if getattr(request, "is_preview", False) or response.cookies:
        return True
    if settings.SESSION_COOKIE_NAME in request.COOKIES:  # rendered with this visitor's session
        return True
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return True
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated


def make_public(response: HttpResponseBase) -> None:
    if "max-age" in cache_control_directives(response):
        # The view chose its own lifetime (e.g. a share card named by its content, kept a year).
        return
    patch_cache_control(
        response,
        public=True,
        max_age=0,
        s_maxage=settings.PAGE_CACHE_SHARED_SECONDS,
        stale_while_revalidate=settings.PAGE_CACHE_STALE_WHILE_REVALIDATE,
        stale_if_error=settings.PAGE_CACHE_STALE_IF_ERROR,
    )


def make_private(response: HttpResponseBase) -> None:
    # Replace rather than patch: "public, s-maxage" must not survive next to "private".
    response["Cache-Control"] = "private, no-store"


def from_stored_copy(request: HttpRequest, stored: StoredPage) -> HttpResponse:
    response = HttpResponse(visitor_parts.put_in(request, stored.body), status=stored.status)
    for name, value in stored.headers:
        response[name] = value
    response["Content-Length"] = str(len(response.content))  # the visitor's tokens may differ in length
    return response


def conditional(request: HttpRequest, response: HttpResponse) -> HttpResponseBase:
    """The response, or a 304 (or 412) when the request's conditional headers match its ETag."""
    if not any(header in request.META for header in CONDITIONAL_HEADERS):
        return response  # what Django's check gives too, without parsing four absent headers
    answer = get_conditional_response(request, etag=response.get("ETag"), response=response)
    return answer if answer is not None else response  # given a response, Django never answers None


class PageCacheMiddleware:
    """The first middleware (before SecurityMiddleware and WhiteNoise, whose headers the stored
    copy already holds), so a hit costs one cache round trip and no database query."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        lookup = None
        if request_is_cacheable(request):
            try:
                lookup = look_up(request)
            except DisallowedHost:
                pass  # let the normal handling answer with its 400
            except Exception:  # the cache is down: serve the page, uncached
                logger.warning("Page cache unavailable", exc_info=True)
        if lookup is None:
            return self.uncached(request)
        stored, lock = lookup.stored, None
        if stored is not None and lookup.copy_applies(request.GET):
            if lookup.is_current:
                return self.serve(request, stored, "hit")
            recent = (
                lookup.changed_at is not None and time.time() - lookup.changed_at < settings.PAGE_CACHE_STALE_SECONDS
            )
            lock = self.take_lock(lookup.key) if request.method == "GET" else None
            if lock is None and recent:
                return self.serve(request, stored, "stale")  # another request is rendering it
        try:
            return self.render(request, lookup)
        finally:
            if lock is not None:
                try:
                    cache.delete(lock)
                except Exception:
                    logger.warning("Page cache unavailable", exc_info=True)

    def take_lock(self, key: str) -> str | None:
        lock = LOCK_KEY.format(digest=key.rsplit(":", 1)[-1])
        try:
            return lock if cache.add(lock, 1, settings.PAGE_CACHE_LOCK_SECONDS) else None
        except Exception:  # noqa: BLE001  the cache is down: render, as on a miss
            return None

    def serve(self, request: HttpRequest, stored: StoredPage, label: str) -> HttpResponseBase:
        response: HttpResponseBase
        if visitor_parts.CSRF_FIELD in stored.body.slots:
            response = visitor_parts.with_csrf(request, lambda request: from_stored_copy(request, stored))
            make_private(response)
        else:
            response = conditional(request, from_stored_copy(request, stored))
        response["X-Cache"] = label
        return response

    def render(self, request: HttpRequest, lookup: Lookup) -> HttpResponseBase:
        query_reads.watch(request)
        with query_reads.recording() as reads:
            response = self.get_response(request)
        if not response_is_cacheable(request, response):
            return self.mark_uncached(request, response)
        body = visitor_parts.take_out(cast(HttpResponse, response).content)
        uses_csrf = bool(request.META.get("CSRF_COOKIE_USED") or response.cookies)
        if uses_csrf and (
            visitor_parts.CSRF_FIELD not in body.slots or visitor_parts.leaks_csrf_token(request, body.without_values())
        ):
            return self.mark_uncached(request, response)
        if uses_csrf:
            make_private(response)
        else:
            make_public(response)
            if not response.has_header("ETag"):
                set_response_etag(response)
        try:
            self.store(request, lookup, response, body, frozenset(reads))
        except Exception:
            logger.warning("Page cache unavailable", exc_info=True)
        response["X-Cache"] = "miss"
        if uses_csrf:
            return response
        return conditional(request, cast(HttpResponse, response))  # not streamed: response_is_cacheable

    def store(
        self,
        request: HttpRequest,
        lookup: Lookup,
        response: HttpResponseBase,
        body: visitor_parts.Holes,
        reads: frozenset[str],
    ) -> None:
        key_of_reads = reads_key(request)
        known = lookup.reads if lookup.reads is not None else cache.get(key_of_reads)
        every_read = reads | (known or frozenset())
        if every_read != known:
            cache.set(key_of_reads, every_read, settings.PAGE_CACHE_SECONDS)
        private = {"cache-control", "etag"} if visitor_parts.CSRF_FIELD in body.slots else set()
        private |= {"x-cache", "content-length"}
        headers = [(name, value) for name, value in response.items() if name.lower() not in private]
        stored = StoredPage(
            lookup.generation,
            lookup.purge,
            response.status_code,
            headers,
            body,
            reads,
            values_for(request.GET, reads),
        )
        cache.set(page_key(request, values_for(request.GET, every_read)), stored, settings.PAGE_CACHE_SECONDS)

    def uncached(self, request: HttpRequest) -> HttpResponseBase:
        return self.mark_uncached(request, self.get_response(request))

    def mark_uncached(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        if is_personal(request, response):
            make_private(response)
        response["X-Cache"] = "bypass"
        return response
