import json

from django import template
from django.utils.safestring import mark_safe

from wagtail.models import Site

from mrdinfo.core import caching
from mrdinfo.core.caching.page_keys import significant_query

from ..glossary import get_glossary

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
