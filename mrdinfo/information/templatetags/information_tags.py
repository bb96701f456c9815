import json

from django import template
from django.utils.safestring import mark_safe

from wagtail.models import Site

from mrdinfo.core import caching
from mrdinfo.core.caching.page_keys import significant_query
from mrdinfo.core.sharing.metadata import page_trail

from .. import booklet_cache
from ..glossary import get_glossary
from ..models import TopicIndexPage

register = template.Library()


@register.simple_tag(takes_context=True)
def information_body(context, body):
    """Render an information page's body (like {% include_block %}: its prose linked to the
    glossary by the stream itself, see core/pages/prose.py), cached.

    The result is a pure function of stored content and the query string (the result reader
    reads ?result=), so it is cached under the body's stored form, the page, the query string
    without tracking parameters, the glossary's version and the content generation
    (core/caching/), which moves on whenever anything the body shows (a linked page, an
    explainer, an image, a glossary term) changes. A preview shows unsaved content, so it is
    rendered afresh."""
    request = context.get("request")

    def render():
        return str(body.render_as_block(context=context.flatten()))

    if request is None or getattr(request, "is_preview", False):
        return mark_safe(render())  # noqa: S308 - rendered by the blocks' templates
    site = Site.find_for_request(request)
    page = context.get("page")
    stored_form = json.dumps(list(body.raw_data), sort_keys=True, default=str)
    glossary_version = get_glossary(site).get("version")
    parts = (
        site.pk if site else 0,
        getattr(page, "pk", None),
        significant_query(request),
        glossary_version,
        stored_form,
    )
    return mark_safe(caching.cached_fragment("information-body", parts, render))  # noqa: S308 - as above


BOOKLET_FILE = "guide.pdf"  # after the hub's address: urls.py


@register.inclusion_tag("information/includes/booklet_link.html", takes_context=True)
def booklet_link(context):
    """The link to the section's booklet, on the hub (the section's top page) and every page under
    it, with its page count and size when the current booklet is built (one cache read, no
    query: the hub comes from the page's breadcrumb trail). Never builds it: before it is built
    the link has no figures, and the task worker is asked to build it (booklet_cache.py)."""
    request = context.get("request")
    page = context.get("page")
    if page is None:
        return {"url": None}
    # The hub itself, or the page's parent: information and glossary pages live only under a hub.
    trail = page_trail(request, page)
    hub = trail[-1] if isinstance(page, TopicIndexPage) else (trail[-2] if len(trail) > 1 else None)
    if hub is None or not hub.pk:
        return {"url": None}
    figures = booklet_cache.figures(hub)
    if figures is None and not getattr(request, "is_preview", False):
        booklet_cache.queue_build(hub, from_a_page=True)
    return {"url": hub.get_url(request) + BOOKLET_FILE, "figures": figures}
