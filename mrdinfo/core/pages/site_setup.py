"""Put a home page at the top of the site tree and point the default Site at it.

Used by `load_content` and by tests. Wagtail's first migration leaves a root page, a
placeholder "Welcome" page and a Site pointing at it; a flushed test database has none of them."""

from django.conf import settings
from django.db import transaction

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site


def ensure_root() -> Page:
    if Collection.get_first_root_node() is None:  # images and documents live in collections
        Collection.add_root(name="Root")
    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", live=True))
    return root


def remove_wagtail_welcome_page(root: Page) -> None:
    """Wagtail's placeholder is a plain Page (not one of ours) at depth 2 with slug "home"."""
    for page in root.get_children().filter(slug="home"):
        if page.specific_class is Page:
            page.delete()


@transaction.atomic
def install_home_page(home: Page, hostname: str | None = None, port: int = 80) -> Page:
    """Add `home` (unsaved) under the root, publish it and make it the default site's root."""
    root = ensure_root()
    remove_wagtail_welcome_page(root)
    root.add_child(instance=home)
    home.save_revision().publish()
    point_default_site_at(home, hostname=hostname, port=port)
    return home


def point_default_site_at(home: Page, hostname: str | None = None, port: int = 80) -> Site:
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(is_default_site=True, hostname=hostname or "localhost", port=port)
    site.root_page = home
    if hostname:
        site.hostname = hostname
    site.site_name = site.site_name or settings.WAGTAIL_SITE_NAME
    site.save()
    return site
