"""The site's real address. Wagtail builds canonical links, og:url, og:image and the sitemap
from its Site record (hostname and port), which starts as localhost:80. `configure_site` sets it
from SITE_URL (or WAGTAILADMIN_BASE_URL), and `check --deploy` warns while production still
points at localhost."""

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from django.apps import AppConfig
from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError

if TYPE_CHECKING:
    from wagtail.models import Site

LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1", "0.0.0.0", ""}  # noqa: S104 - names, not binds


def site_url() -> str:
    return settings.SITE_URL or settings.WAGTAILADMIN_BASE_URL


def parse_site_url(url: str) -> tuple[str, int]:
    """https://mrdinfo.org.uk → ("mrdinfo.org.uk", 443); http://host:8000 → ("host", 8000)."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ImproperlyConfigured(f"SITE_URL must look like https://mrdinfo.org.uk, not {url!r}.")
    return parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)


def configure_default_site(url: str | None = None) -> "Site":
    """Point the default Site at the address (and at the home page, if it has no root yet)."""
    from wagtail.models import Page, Site

    hostname, port = parse_site_url(url or site_url())
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(is_default_site=True, site_name=settings.WAGTAIL_SITE_NAME)
    if site.root_page_id is None:
        site.root_page = Page.objects.filter(depth=2).first()
        if site.root_page is None:
            raise ImproperlyConfigured("There is no home page yet: run `python manage.py load_content` first.")
    site.hostname, site.port = hostname, port
    site.save()
    return site


@checks.register(checks.Tags.compatibility, deploy=True)
def check_site_address(
    app_configs: Sequence[AppConfig] | None = None, databases: Sequence[str] | None = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    warnings: list[checks.CheckMessage] = []
    try:
        hostname, _ = parse_site_url(site_url())
    except ImproperlyConfigured as error:
        return [checks.Warning(str(error), id="mrdinfo.W002")]
    if hostname in LOCAL_HOSTS:
        warnings.append(
            checks.Warning(
                f"SITE_URL (or WAGTAILADMIN_BASE_URL) is {site_url()!r}: canonical links, sharing "
                "previews and the sitemap would point at this machine.",
                hint="Set SITE_URL=https://your.domain and run `python manage.py configure_site`.",
                id="mrdinfo.W001",
            )
        )
        return warnings
    if not databases or "default" not in databases:
        return warnings  # the Site record is checked by `check --deploy --database default`
    try:
        from wagtail.models import Site

        site = Site.objects.filter(is_default_site=True).first()
    except DatabaseError:  # not migrated yet (or not reachable): nothing to compare
        return warnings
    if site is not None and site.hostname in LOCAL_HOSTS:
        warnings.append(
            checks.Warning(
                f"The default Wagtail site still points at {site.hostname}, not {hostname}.",
                hint="Run `python manage.py configure_site` (it reads SITE_URL).",
                id="mrdinfo.W003",
            )
        )
    return warnings
