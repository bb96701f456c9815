"""Serving share images and robots.txt. See share_images.py for how the images are made."""

from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.views.decorators.http import require_GET

from wagtail.models import Page

from mrdinfo.core.pages.chrome import get_site_chrome
from mrdinfo.core.sharing import images as share_images
from mrdinfo.core.sharing.metadata import page_trail, section_name, site_root


@require_GET
def share_image(request: HttpRequest, page_id: int, key: str) -> HttpResponse:
    """A page's share image, made once and then read from storage, cached by browsers and
    link-preview services for a year (its address changes whenever its content would)."""
    page = Page.objects.live().public().filter(pk=page_id).specific().first()
    if page is None:
        raise Http404("No such page")
    chrome = get_site_chrome(request)
    site_name = chrome.get("charity_name", "")
    section = section_name(page_trail(request, page))
    current = share_images.share_image_key(page, section, site_name)
    if key != current:
        # An old preview (the title has changed since): send it to today's image.
        return HttpResponsePermanentRedirect(share_images.share_image_path(page, section, site_name))
    if page.share_image_id and page.share_image is not None:
        data = share_images.rendition_bytes(page.share_image)
    else:
        data = share_images.stored_card(page.pk, key, share_images.share_title(page), section, site_name)
    response = HttpResponse(data, content_type="image/jpeg")
    response["Cache-Control"] = share_images.CACHE_CONTROL
    return response


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    root = site_root(request, get_site_chrome(request))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        # Search results are endless variations of the pages themselves.
        "Disallow: /search/",
        "",
        f"Sitemap: {root}/sitemap.xml",
        "",
    ]
    response = HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "public, max-age=86400"
    return response
