"""The booklet's address: <hub>/guide.pdf, e.g. /understanding-mrd/guide.pdf (urls.py).

A view rather than a sub-route of the hub: Wagtail's page routing takes only addresses that end
in a slash. The PDF is the current content generation's (booklet_cache.py), shown in the
browser (inline) with a filename for saving; browsers and any CDN may keep it but must ask
again each time, and are answered 304 when it has not changed."""

import hashlib
import io

from django.http import FileResponse, Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.utils.cache import get_conditional_response

from wagtail.models import Site

from . import booklet_cache
from .models import TopicIndexPage

FILENAME = "understanding-mrd-guide.pdf"


def booklet_pdf(request: HttpRequest, hub_path: str) -> HttpResponseBase:
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    hub = TopicIndexPage.objects.live().public().filter(url_path=f"{site.root_page.url_path}{hub_path}").first()
    if hub is None:
        raise Http404
    built = booklet_cache.get_or_build(hub)
    etag = f'"{hashlib.sha256(built.pdf).hexdigest()[:32]}"'
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        return not_modified
    # A stream, so the page cache leaves it alone: the booklet is kept once, in booklet_cache.
    # Django writes Content-Disposition: inline; filename="understanding-mrd-guide.pdf".
    response = FileResponse(io.BytesIO(built.pdf), content_type="application/pdf", filename=FILENAME)
    response["ETag"] = etag
    response["Cache-Control"] = "public, no-cache"
    return response
