"""The site's "chrome": header, main menu, footer and sharing defaults.

Every public page shows it, so it is built once per site, kept in the cache as plain data
(picklable for Redis) and rebuilt only after an editor saves settings, a menu or a page
(see caching.py). Rendering it therefore costs no queries, however many menu items there are;
building it costs a fixed few."""

from typing import Any, cast

from django.core.cache import cache
from django.http import HttpRequest

from wagtail.models import Page, Site

from mrdinfo.core.models import MenuItem, SiteSettings

CACHE_KEY = "site-chrome:v1:{site_id}"
SHARE_IMAGE_FILTER = "fill-1200x630|format-jpeg|jpegquality-80"


def cache_key(site_id: int) -> str:
    return CACHE_KEY.format(site_id=site_id)


def get_site_chrome(request: HttpRequest) -> dict[str, Any]:
    site = Site.find_for_request(request)
    if site is None:
        return empty_chrome()
    # Never None: the default is callable, so a miss builds the chrome.
    return cast(dict[str, Any], cache.get_or_set(cache_key(site.pk), lambda: build_site_chrome(site)))


def clear_site_chrome() -> None:
    cache.delete_many([cache_key(pk) for pk in Site.objects.values_list("pk", flat=True)])


def empty_chrome() -> dict[str, Any]:
    return {"charity_name": "", "main_menu": [], "footer_menu": [], "footer_links": [], "social_links": []}


def _page_url(page: Page | None, site: Site) -> str | None:
    if page is None or not page.live:
        return None
    return page.get_url(current_site=site)


def _menu_links(
    menu_id: int | None, items_by_menu: dict[int | None, list[MenuItem]], site: Site
) -> list[dict[str, Any]]:
    links = []
    for item in items_by_menu.get(menu_id, []):
        if item.link_page_id:
            url = _page_url(item.link_page, site)
            if url is None:
                continue  # an unpublished page drops out of the menu rather than 404ing
            label = item.label or item.link_page.title
        else:
            url, label = item.link_url, item.label
        links.append({"label": label, "url": url, "external": not item.link_page_id})
    return links


def build_site_chrome(site: Site) -> dict[str, Any]:
    settings = (
        SiteSettings.base_queryset()
        .select_related("contact_page", "privacy_page", "accessibility_page", "default_share_image")
        .filter(site=site)
        .first()
    ) or SiteSettings(site=site)

    menu_ids = [pk for pk in (settings.main_menu_id, settings.footer_menu_id) if pk]
    items_by_menu: dict[int | None, list[MenuItem]] = {}
    if menu_ids:
        items = MenuItem.objects.filter(menu_id__in=menu_ids).select_related("link_page")
        for item in items.order_by("menu_id", "sort_order", "pk"):
            items_by_menu.setdefault(item.menu_id, []).append(item)

    footer_menu = _menu_links(settings.footer_menu_id, items_by_menu, site)
    in_footer_menu = {link["url"] for link in footer_menu}
    footer_links: list[dict[str, Any]] = []
    for label, page in (
        ("Contact us", settings.contact_page),
        ("Privacy notice", settings.privacy_page),
        ("Accessibility statement", settings.accessibility_page),
    ):
        url = _page_url(page, site)
        if url and url not in in_footer_menu:  # an editor may have put it in the footer menu too
            footer_links.append({"label": page.title if page else label, "url": url})

    share_image = None
    if settings.default_share_image:
        rendition = settings.default_share_image.get_rendition(SHARE_IMAGE_FILTER)
        share_image = {
            "url": rendition.url,
            "width": rendition.width,
            "height": rendition.height,
            "alt": settings.default_share_image.default_alt_text,
        }

    return {
        "charity_name": settings.charity_name or site.site_name or "",
        "tagline": settings.tagline,
        "charity_number": settings.charity_number,
        "charity_number_scotland": settings.charity_number_scotland,
        "contact_email": settings.contact_email,
        "contact_phone": settings.contact_phone,
        "postal_address": settings.postal_address,
        "main_menu": _menu_links(settings.main_menu_id, items_by_menu, site),
        "footer_menu": footer_menu,
        "footer_links": footer_links,
        "social_links": settings.social_links(),
        "default_share_image": share_image,
        "root_url": site.root_url,
    }
