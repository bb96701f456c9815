"""Which requests the page cache may answer, and the key each copy is stored under.

The key is the host, scheme, path and the query parameters the page READ when it was rendered
(query_reads.py), in order, without tracking parameters (utm_*, fbclid, gclid...): the names a
path reads are kept beside its copies (`reads_key`), so `?junk=<random>` on a page that reads no
`junk` is served the plain page's copy and stores nothing; `?page=2` on the news does get its own
copy. Keys carry the release (caching.release()), so a deploy never serves an older release's copy.
page_cache.py uses these; information's templates key their fragments on `significant_query`."""

import hashlib
import hmac
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, QueryDict

from mrdinfo.core import caching
from mrdinfo.core.caching import query_reads
from mrdinfo.core.operations.security import is_admin_path

PAGE_KEY = "page:{release}:{digest}"
READS_KEY = "page-reads:{release}:{digest}"
LOCK_KEY = "page-lock:{digest}"
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
Values = tuple[tuple[str, tuple[str, ...]], ...]


def is_tracking_parameter(name: str) -> bool:
    return name in TRACKING_PARAMETERS or name.startswith(TRACKING_PREFIXES)


def significant_pairs(query: QueryDict) -> list[tuple[str, str]]:
    plain = query_reads.unrecorded(query) if isinstance(query, query_reads.RecordingQueryDict) else query
    return sorted(
        (name, value) for name, values in plain.lists() if not is_tracking_parameter(name) for value in values
    )


def significant_query(request: HttpRequest) -> str:
    """The query string that can change the page: tracking parameters dropped, sorted. Reading
    it notes nothing (query_reads.py): a cached fragment keyed on it notes what its build read."""
    return urlencode(significant_pairs(request.GET))


def values_for(query: QueryDict, reads: frozenset[str] | set[str]) -> Values:
    """The values of the parameters a render read, as the key and the copy's check use them."""
    plain = query_reads.unrecorded(query) if isinstance(query, query_reads.RecordingQueryDict) else query
    if query_reads.ALL in reads:
        pairs = significant_pairs(plain)  # none: the plain page's copy, as for any page
        return ((query_reads.ALL, tuple(f"{name}={value}" for name, value in pairs)),) if pairs else ()
    return tuple(
        (name, tuple(plain.getlist(name)))
        for name in sorted(reads)
        if name in plain and not is_tracking_parameter(name)
    )


def digest(request: HttpRequest, *parts: str) -> str:
    raw = "\n".join([request.scheme or "", request.get_host(), request.path, *parts])
    return hashlib.sha256(raw.encode()).hexdigest()[:40]


def page_key(request: HttpRequest, values: Values) -> str:
    """No values (no query string, or none the page reads): the plain page's key."""
    return PAGE_KEY.format(release=caching.release(), digest=digest(request, repr(values) if values else ""))


def reads_key(request: HttpRequest) -> str:
    return READS_KEY.format(release=caching.release(), digest=digest(request))


def wants_bypass(request: HttpRequest) -> bool:
    token = getattr(settings, "PAGE_CACHE_BYPASS_TOKEN", "")
    given = request.META.get(BYPASS_HEADER, "")
    return bool(token and given) and hmac.compare_digest(token.encode(), given.encode())


def request_is_cacheable(request: HttpRequest) -> bool:
    if not getattr(settings, "PAGE_CACHE_ENABLED", True):
        return False
    if request.method not in ("GET", "HEAD"):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies or "HTTP_AUTHORIZATION" in request.META:
        return False
    path = request.path_info
    if settings.STATIC_URL and path.startswith(settings.STATIC_URL):
        return False
    return not (is_admin_path(path) or wants_bypass(request))
