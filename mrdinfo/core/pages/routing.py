"""Find a page from its URL in one query, not two per level of the tree.

Wagtail routes /understanding-mrd/what-is-mrd/ by asking each page in turn for its child
(a query or two per level). The site's root page (HomePage) uses this mixin to look the page up
by its url_path instead, which Wagtail keeps up to date for every page. Paths that are not
pages (a page's own sub-routes, or a 404) fall back to Wagtail's routing, so pages with custom
`route()` methods below the root still work.

Which page lives at an address, and which Site (with its root page) answers a host name, are
pure functions of stored pages and sites: both are cached under the content generation
(caching.py), which every publish, unpublish, move, rename or deletion of a page and every save
of a Site moves on. The page itself is always read from the database."""

import logging
from collections.abc import Callable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.http import HttpRequest
from django.http.request import split_domain_port
from django.http.response import HttpResponseBase

from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult

from mrdinfo.core import caching
from mrdinfo.core.operations.resilience import is_database_unavailable

logger = logging.getLogger(__name__)


def page_at(url_path: str, slug: str) -> Page | None:
    """The specific page whose url_path this is (live or not: route() decides), or None."""
    # slug is indexed, url_path is not: filtering on both uses the index.
    found = caching.cached_fragment(
        "page-at",
        (url_path,),
        lambda: Page.objects.filter(slug=slug, url_path=url_path).values_list("content_type_id", "pk").first(),
    )
    if found is None:
        return None
    content_type_id, pk = found
    model: Any = ContentType.objects.get_for_id(content_type_id).model_class() or Page
    page = model.objects.filter(pk=pk).first()
    if page is None or page.url_path != url_path:  # changed under us (a race with an edit): ask afresh
        return Page.objects.filter(slug=slug, url_path=url_path).specific().first()
    return page


class DirectRoutingMixin:
    url_path: str

    def route(self, request: HttpRequest, path_components: list[str]) -> RouteResult:
        if path_components:
            page = page_at(f"{self.url_path}{'/'.join(path_components)}/", path_components[-1])
            if page is not None:
                return page.route(request, [])
        return super().route(request, path_components)  # type: ignore[misc]  # mixed into Page, which has route()


def site_for_request(request: HttpRequest) -> Site | None:
    """Wagtail's Site.find_for_request (two queries: the site, then its root page's own type),
    cached under the host name, port and content generation."""

    def find() -> Site | None:
        site = Site._find_for_request(request)
        if site is not None:
            site.root_page.specific  # noqa: B018 - loaded now, so it is stored with the site
        return site

    hostname = split_domain_port(request._get_raw_host())[0]  # type: ignore[attr-defined]  # Django's, not in its stubs
    return caching.cached_fragment("site", (hostname, request.get_port()), find)


HEALTH_CHECK_PATH = "/healthz"


class SiteLookupMiddleware:
    """Hands Wagtail the request's Site from the cache (Wagtail keeps it on the request as
    `_wagtail_site`). After the page cache, so a cached page never pays for it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        # /healthz answers about the database itself, within one connect timeout: no Site for it.
        if not hasattr(request, "_wagtail_site") and request.path != HEALTH_CHECK_PATH:
            try:
                request._wagtail_site = site_for_request(request)  # type: ignore[attr-defined]  # Wagtail's attribute
            except Exception as error:
                if is_database_unavailable(error):
                    # Asking again would wait out another connect timeout: the 503 page now.
                    raise
                # The cache is down: Wagtail looks the site up itself.
                logger.warning("Site lookup cache unavailable", exc_info=True)
        return self.get_response(request)
