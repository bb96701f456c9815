"""The whole Understanding MRD section as one printable, accessible PDF: the booklet.

Made on the server from the same content as the pages, with WeasyPrint (HTML and CSS to PDF):
a cover, the contents, every live public page of the section in tree order (the hub first), each
with a QR code back to it and its review details as the page shows them, and at the end every
page's sources. The pages' own block templates render their bodies; the interactive parts give
what prints: the explainer its table of stages, the result reader a line pointing to its page.
The booklet's stylesheet is its own (static/information/booklet.css).

Nothing is fetched from the network while it is made: `LocalFilesOnly` serves the site's static
files and uploads from storage and refuses every other address, and the fonts are the system's
(Debian's fonts-dejavu-core, found by fontconfig). The PDF is tagged (PDF/UA-1: real text with
its structure), with a title, the language (en-GB, from <html lang>) and bookmarks from each
page's h1 and h2 headings.

`build(hub)` returns the PDF and its page count; booklet_cache.py keeps one per content generation
(and imports this module, and so WeasyPrint, only when it builds one)."""

import datetime
import posixpath
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import segno
import weasyprint
from weasyprint.urls import URLFetcher, URLFetcherResponse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from wagtail.models import Page, Site

from mrdinfo.core.models import SiteSettings
from mrdinfo.core.pages import prose

from .booklet_cache import Booklet
from .glossary import get_glossary
from .page_context import references_in

TEMPLATE = "information/booklet/booklet.html"
STYLESHEET = "information/booklet.css"
# Blocks that are interactive on the page, and what the booklet prints instead.
PRINTED_INSTEAD = {
    "explainer": "information/booklet/explainer.html",
    "result_reader": "information/booklet/result_reader.html",
}
ID_ATTRIBUTE = re.compile(r'\b(id|for|aria-describedby|aria-labelledby|aria-controls|popovertarget)="([^"]*)"')
HREF = re.compile(r'\bhref="([^"]*)"')


class LocalFilesOnly(URLFetcher):
    """WeasyPrint's fetcher for the booklet: the site's static files and uploads, read from disk
    (or the uploads' storage), and `data:` addresses; anything else is refused, so making the
    booklet never waits on, or leaks a request to, another server."""

    def __init__(self, site_root: str) -> None:
        super().__init__(fail_on_errors=False)
        self.site_root = site_root.rstrip("/")

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        if url.startswith("data:"):
            return super().fetch(url, headers)
        name = self.local_path(url)
        if name is not None and name.startswith(settings.STATIC_URL):
            found = finders.find(name.removeprefix(settings.STATIC_URL))
            if isinstance(found, str):
                return URLFetcherResponse(url, Path(found).read_bytes())
        elif name is not None and name.startswith(settings.MEDIA_URL):
            stored = name.removeprefix(settings.MEDIA_URL)
            if default_storage.exists(stored):
                with default_storage.open(stored) as file:
                    return URLFetcherResponse(url, file.read())
        raise ValueError(f"The booklet fetches nothing from the network: {url}")

    def local_path(self, url: str) -> str | None:
        """The path of an address on this site, cleaned of '..', or None for anywhere else."""
        parts = urlsplit(url)
        if url.startswith(self.site_root + "/") or (parts.scheme == "" and url.startswith("/")):
            path = posixpath.normpath(unquote(parts.path))
            return path + ("/" if parts.path.endswith("/") else "") if ".." not in path.split("/") else None
        return None


def booklet_request(site: Site) -> HttpRequest:
    """The request the booklet is rendered for: the site's own address and nothing a visitor
    sent, so a page's build and a background task's build are the same."""
    request = HttpRequest()
    request.method = "GET"
    request.path = request.path_info = "/"
    request.META = {"SERVER_NAME": site.hostname, "SERVER_PORT": str(site.port)}
    request._wagtail_site = site  # type: ignore[attr-defined]  # Wagtail's memo: no host lookup
    return request


def qr_data_uri(url: str) -> str:
    """A PNG QR code for the address (a raster with crisp modules, decoded by the tests)."""
    return segno.make(url, error="m", micro=False).png_data_uri(scale=4, border=4)


def section_pages(hub: Page) -> list[Page]:
    """The hub, then its live public pages in the order of the site's tree."""
    children = hub.get_children().live().public().specific().order_by("path")
    return [hub.specific, *children]


def prefix_ids(html: str, prefix: str, links: dict[str, str]) -> str:
    """Make the ids of one page unique in the booklet (two pages may both have #about-the-test):
    each id, and each in-page link to one, gets the page's prefix and a hyphen (slugs never hold
    two hyphens together, so the template's own "<page>--title" ids cannot clash); a link to another page of
    the section (or a glossary term on the glossary page) goes to that place in the booklet."""
    html = ID_ATTRIBUTE.sub(lambda m: f'{m[1]}="{" ".join(f"{prefix}-{v}" for v in m[2].split())}"', html)

    def link(match: re.Match[str]) -> str:
        href = match[1]
        if href.startswith("#"):
            return f'href="#{prefix}-{href[1:]}"'
        address, _, fragment = href.partition("#")
        if address in links:
            target = links[address]
            return f'href="#{target}-{fragment}"' if fragment else f'href="#{target}"'
        return match[0]

    return HREF.sub(link, html)


def body_html(body: Any, context: dict[str, Any]) -> str:
    """A page's body as its stream renders it (the blocks' own templates, prose finished for the
    whole stream: links resolved, glossary terms marked), with the printed parts in place of the
    interactive ones. References are left out here: they are listed at the end of the booklet."""
    stream_context = body.stream_block.get_context(body, parent_context=context)
    stream_context[prose.IN_STREAM] = True
    parts = []
    for child in body:
        if child.block_type == "references":
            continue
        if child.block_type in PRINTED_INSTEAD:
            block_context = child.block.get_context(child.value, parent_context=stream_context)
            parts.append(render_to_string(PRINTED_INSTEAD[child.block_type], block_context))
        else:
            parts.append(child.block.render(child.value, context={**stream_context, "block_id": child.id}))
    return prose.finish("".join(parts), context.get("request"))


def chapter(page: Page, request: HttpRequest, links: dict[str, str], glossary: dict[str, Any]) -> dict[str, Any]:
    url = page.get_full_url(request)
    context = {"request": request, "page": page}
    html = body_html(page.body, context)
    if hasattr(page, "letters"):  # the glossary page: its A–Z of terms after its introduction
        html += render_to_string(
            "information/includes/glossary_entries.html", {"letters": page.letters(glossary["terms"])}
        )
    return {
        "page": page,
        "id": page.slug,
        "url": url,
        "qr": qr_data_uri(url),
        "body": mark_safe(prefix_ids(html, page.slug, links)),  # noqa: S308 - the blocks' rendered templates
        # Listed at the end of the booklet, each with its page's prefix: a key figure's link reaches it.
        "references": [
            {**reference, "anchor": f"{page.slug}-{reference['anchor']}"} for reference in references_in(page.body)
        ],
    }


def booklet_html(hub: Page, now: datetime.datetime | None = None) -> SafeString:
    """The booklet's HTML: one document, every page of the section in it."""
    site = hub.get_site()
    request = booklet_request(site)
    pages = section_pages(hub)
    links = {page.get_url(request): page.slug for page in pages}
    glossary = get_glossary(site)  # its page is one of these: term links go to its entries
    chapters = [chapter(page, request, links, glossary) for page in pages]
    due_dates = [c["page"].review_due_date for c in chapters if c["page"].review_due_date]
    charity_name = SiteSettings.for_site(site).charity_name
    hub_page = chapters[0]["page"]
    return mark_safe(  # noqa: S308 - a rendered template
        render_to_string(
            TEMPLATE,
            {
                "hub": hub_page,
                "title": f"{hub_page.title}: the whole guide",
                "charity_name": charity_name,
                "generated": timezone.localtime(now or timezone.now()),
                "next_review": min(due_dates) if due_dates else None,
                "chapters": chapters,
                "hub_url": chapters[0]["url"],
                "hub_qr": chapters[0]["qr"],
            },
        )
    )


def stylesheet() -> weasyprint.CSS:
    found = finders.find(STYLESHEET)
    if not isinstance(found, str):
        raise FileNotFoundError(STYLESHEET)
    return weasyprint.CSS(filename=found)


def render_pdf(html: str, site_root: str) -> tuple[bytes, int]:
    """The PDF and its number of pages. PDF/UA-1: tagged, with the title and language in it."""
    document = weasyprint.HTML(string=html, base_url=site_root + "/", url_fetcher=LocalFilesOnly(site_root))
    rendered = document.render(stylesheets=[stylesheet()], pdf_variant="pdf/ua-1")
    return rendered.write_pdf(pdf_variant="pdf/ua-1"), len(rendered.pages)


def build(hub: Page) -> Booklet:
    now = timezone.now()
    html = booklet_html(hub, now)
    pdf, pages = render_pdf(html, hub.get_site().root_url)
    return Booklet(pdf=pdf, pages=pages, built_at=now)
