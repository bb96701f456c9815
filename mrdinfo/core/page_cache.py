"""The full-page cache: anonymous visitors get a stored copy of a public page.

Built on Django's cache machinery (django.utils.cache) rather than wagtail-cache, which does
not support Wagtail 8. A page is served from the cache, or stored in it, only when it is the
same for everyone:

- the request is a GET or HEAD (only GETs are stored), has no session cookie and no
  Authorization header (so editors and anyone with a session always get a fresh page), is not
  for the admin or a preview, and does not carry the operator's bypass header;
- the response is a 200, 301 or 404, sets no cookie, did not use the CSRF token (a page with a
  form puts one visitor's token into its HTML and sets the CSRF cookie, so it is never stored:
  forms keep working, they just are not cached), is not streamed, does not say `private`,
  `no-store` or `no-cache`, and varies on nothing but the cookie (which the first condition
  already rules out) or the encoding.

The key is the host, scheme, path and the sorted query string without tracking parameters
(utm_*, fbclid, gclid...), plus the content generation (caching.py): any content change bumps
it, so the next request for every page is a miss that renders the new content.

Every public page also gets CDN-ready Cache-Control: shared caches may keep it (`s-maxage`,
purged on change by caching.purge_frontend_cache), browsers revalidate each time (`max-age=0`),
and a CDN may serve a stale copy while it refetches or when the site is down. Responses that
are personal (logged in, session, form, POST, preview) are `private, no-store`.

`X-Cache: hit`, `miss` (stored now) or `bypass` (not cacheable) says what happened."""

import hashlib
import hmac
import logging
from collections.abc import Callable
from typing import cast
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.utils.cache import cc_delim_re, get_conditional_response, patch_cache_control, set_response_etag

from . import caching
from .security import is_admin_path

logger = logging.getLogger(__name__)

# What the cache holds for a page: (status, [(header, value)], body).
StoredPage = tuple[int, list[tuple[str, str]], bytes]

PAGE_KEY = "page:{generation}:{digest}"
CACHEABLE_STATUSES = {200, 301, 404}
# Query parameters added by campaigns and social sites: they never change the page.
TRACKING_PARAMETERS = {
    "fbclid",
    "gclid",
    "gclsrc",
    "dclid",
    "gbraid",
    "wbraid",
    "msclkid",
    "yclid",
    "twclid",
    "ttclid",
    "igshid",
    "li_fat_id",
    "mc_cid",
    "mc_eid",
    "_ga",
    "_gl",
    "_hsenc",
    "_hsmi",
    "mkt_tok",
    "vero_id",
}
TRACKING_PREFIXES = ("utm_",)
BYPASS_HEADER = "HTTP_X_PAGE_CACHE_BYPASS"
HARMLESS_VARY = {"cookie", "accept-encoding"}
PERSONAL_DIRECTIVES = {"private", "no-store", "no-cache"}


def is_tracking_parameter(name: str) -> bool:
    return name in TRACKING_PARAMETERS or name.startswith(TRACKING_PREFIXES)


def significant_query(request: HttpRequest) -> str:
    """The query string that can change the page: tracking parameters dropped, sorted."""
    pairs = [
        (name, value) for name, values in request.GET.lists() if not is_tracking_parameter(name) for value in values
    ]
    return urlencode(sorted(pairs))


def page_key(request: HttpRequest) -> str:
    raw = "\n".join([request.scheme or "", request.get_host(), request.path, significant_query(request)])
    digest = hashlib.sha256(raw.encode()).hexdigest()[:40]
    return PAGE_KEY.format(generation=caching.generation(), digest=digest)


def wants_bypass(request: HttpRequest) -> bool:
    token = getattr(settings, "PAGE_CACHE_BYPASS_TOKEN", "")
    given = request.META.get(BYPASS_HEADER, "")
    return bool(token and given) and hmac.compare_digest(token.encode(), given.encode())


def request_is_cacheable(request: HttpRequest) -> bool:
    if not getattr(settings, "PAGE_CACHE_ENABLED", True):
        return False
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META:
        return False
    return not (is_admin_path(request.path_info) or wants_bypass(request))


def cache_control_directives(response: HttpResponseBase) -> set[str]:
    return {part.split("=", 1)[0].strip().lower() for part in cc_delim_re.split(response.get("Cache-Control", ""))}


def response_is_cacheable(request: HttpRequest, response: HttpResponseBase) -> bool:
    if request.method != "GET" or response.status_code not in CACHEABLE_STATUSES:
        return False
    if response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False
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


def stored_copy(response: HttpResponse) -> StoredPage:
    headers = [(name, value) for name, value in response.items() if name.lower() != "x-cache"]
    return (response.status_code, headers, response.content)


def from_stored_copy(stored: StoredPage) -> HttpResponse:
    status, headers, content = stored
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    return response


def conditional(request: HttpRequest, response: HttpResponse) -> HttpResponseBase:
    """The response, or a 304 (or 412) when the request's conditional headers match its ETag."""
    answer = get_conditional_response(request, etag=response.get("ETag"), response=response)
    return answer if answer is not None else response  # given a response, Django never answers None


class PageCacheMiddleware:
    """Put it after SecurityMiddleware and WhiteNoise and before the session middleware, so a
    hit costs one or two cache reads and no database query."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        key = stored = None
        if request_is_cacheable(request):
            try:
                key = page_key(request)
                stored = cache.get(key)
            except DisallowedHost:
                key = None  # let the normal handling answer with its 400
            except Exception:  # the cache is down: serve the page, uncached
                logger.warning("Page cache unavailable", exc_info=True)
                key = None
        if key is not None and stored is not None:
            hit = from_stored_copy(stored)
            hit["X-Cache"] = "hit"
            return conditional(request, hit)

        response = self.get_response(request)

        if key is not None and response_is_cacheable(request, response):
            make_public(response)
            if not response.has_header("ETag"):
                set_response_etag(response)
            try:
                cache.set(key, stored_copy(cast(HttpResponse, response)), settings.PAGE_CACHE_SECONDS)
            except Exception:
                logger.warning("Page cache unavailable", exc_info=True)
            response["X-Cache"] = "miss"
            return conditional(request, cast(HttpResponse, response))  # not streamed: response_is_cacheable
        if is_personal(request, response):
            make_private(response)
        response["X-Cache"] = "bypass"
        return response
