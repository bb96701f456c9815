"""Template tags for what every page shows the outside world: share tags, breadcrumbs trail,
structured data and the printed QR code. The logic lives in core/sharing/metadata.py and share_images.py."""

import hashlib
from typing import Any

import segno

from django import template
from django.core.cache import cache
from django.template import Context
from django.utils.safestring import SafeString, mark_safe

from wagtail.models import Page

from mrdinfo.core.sharing import metadata as sharing
from mrdinfo.core.sharing.images import share_image_path, share_title

register = template.Library()


def _chrome(context: Context) -> dict[str, Any]:
    chrome = context.get("chrome")
    try:
        return dict(chrome) if chrome is not None else {}
    except (TypeError, ValueError):
        return {}


@register.simple_tag(takes_context=True)
def share_info(context: Context) -> dict[str, Any]:
    """Everything the share tags need: canonical and og:url (absolute, no tracking parameters),
    title, description and the share image's absolute address and size. Worked out once per
    request (the share tags, the share control and the printout all ask)."""
    request: Any = context.get("request")  # every page and view renders with one
    page = context.get("page")
    key = (getattr(page, "pk", None), context.get("meta_title", ""), context.get("meta_description", ""))
    memo = getattr(request, "_mrdinfo_share_info", None)
    if memo is None:
        memo = {}
        if request is not None:
            request._mrdinfo_share_info = memo
    if key not in memo:
        memo[key] = _share_info(context, request, page)
    return memo[key]


def _share_info(context: Context, request: Any, page: Page | None) -> dict[str, Any]:
    chrome = _chrome(context)
    root = sharing.site_root(request, chrome)
    info: dict[str, Any] = {"site_name": chrome.get("charity_name", "")}
    if page is not None and hasattr(page, "get_url_parts"):
        info["canonical"] = sharing.canonical_url(request, chrome, keep=getattr(page, "canonical_query_params", ()))
        info["title"] = share_title(page)
        info["description"] = page.get_meta_description() if hasattr(page, "get_meta_description") else ""
        if page.pk:
            trail = sharing.page_trail(request, page)
            section = sharing.section_name(trail)
            info["image"] = root + share_image_path(page, section, info["site_name"])
            info["image_width"], info["image_height"] = 1200, 630
            info["image_alt"] = " – ".join(part for part in (info["title"], section or info["site_name"]) if part)
    else:
        # A view that is not a page (search): it names itself with meta_title and meta_description.
        info["canonical"] = sharing.canonical_url(request, chrome)
        info["title"] = context.get("meta_title", "")
        info["description"] = context.get("meta_description", "")
    if "image" not in info and chrome.get("default_share_image"):
        default = chrome["default_share_image"]
        info.update(
            image=root + default["url"],
            image_width=default["width"],
            image_height=default["height"],
            image_alt=default.get("alt", ""),
        )
    return info


@register.simple_tag(takes_context=True)
def breadcrumb_trail(context: Context, page: Page) -> list[Page]:
    """The page's ancestors below the root (home first), without the page itself."""
    return sharing.page_trail(context.get("request"), page)[:-1]


@register.simple_tag(takes_context=True)
def structured_data(context: Context) -> str:
    request: Any = context.get("request")  # every page and view renders with one
    page = context.get("page")
    chrome = _chrome(context)
    if page is not None and hasattr(page, "get_url_parts"):
        return sharing.structured_data(request, chrome, page=page)
    title: Any = context.get("meta_title", "")
    return sharing.structured_data(
        request, chrome, title=title, trail_items=[(title, sharing.canonical_url(request, chrome))]
    )


QR_CACHE_KEY = "print-qr:v2:{url}"


def qr_svg(url: str) -> str:
    """A QR code for the address as inline SVG (segno's markup has no style attributes, so the CSP
    holds), labelled for assistive technology. Cached: a page's address rarely changes."""
    key = QR_CACHE_KEY.format(url=hashlib.sha256(url.encode()).hexdigest())
    svg = cache.get(key)
    if svg is None:
        qr = segno.make(url, error="m", micro=False)
        # omitsize: a viewBox instead of a fixed size, so the print stylesheet can size it. A two-module
        # border: the white paper around it completes the quiet zone, and the page stays on one sheet.
        svg = qr.svg_inline(
            scale=3, border=2, omitsize=True, title="QR code: the address of this page", svgclass="print-qr__code"
        )
        svg = svg.replace("<svg ", '<svg role="img" aria-label="QR code: the address of this page" ', 1)
        cache.set(key, svg, 60 * 60 * 24 * 30)
    return svg


@register.simple_tag
def print_qr(url: str) -> SafeString:
    return mark_safe(qr_svg(url))  # noqa: S308 - segno's SVG of the encoded address; no markup from input
