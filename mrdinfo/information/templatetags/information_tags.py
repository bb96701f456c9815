import json

from django import template
from django.utils.safestring import mark_safe
from wagtail.models import Site
from wagtail.rich_text import expand_db_html

from mrdinfo.core import caching
from mrdinfo.core.page_cache import significant_query

from ..glossary import get_glossary, link_glossary_terms

register = template.Library()


@register.simple_tag(takes_context=True)
def body_with_glossary_links(context, body):
    """Render a StreamField body (like {% include_block %}) and link the first use of each
    glossary term in its prose. The term list comes from the cache: no query per term.

    Text blocks leave their links to other pages in Wagtail's stored form
    (defer_rich_text_links), and they are resolved here for the whole body at once.

    The result is a pure function of stored content and the query string (the result reader
    reads ?result=), so it is cached under the body's stored form, the page, the query string
    without tracking parameters, the glossary's version and the content generation
    (core/caching.py), which moves on whenever anything the body shows (a linked page, an
    explainer, an image) changes. A preview shows unsaved content, so it is rendered afresh."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    glossary = get_glossary(site)

    def render():
        block_context = context.flatten()
        block_context["defer_rich_text_links"] = True
        html = expand_db_html(str(body.render_as_block(context=block_context)))
        return link_glossary_terms(html, glossary)

    if getattr(request, "is_preview", False) or request is None:
        html = render()
    else:
        page = context.get("page")
        stored_form = json.dumps(list(body.raw_data), sort_keys=True, default=str)
        query = significant_query(request)
        parts = (site.pk if site else 0, getattr(page, "pk", None), query, glossary.get("version"), stored_form)
        html = caching.cached_fragment("linked-body", parts, render)
    return mark_safe(html)  # noqa: S308 - built from escaped parts
