from django import template
from django.utils.safestring import mark_safe
from wagtail.models import Site
from wagtail.rich_text import expand_db_html

from ..glossary import get_glossary, link_glossary_terms

register = template.Library()


@register.simple_tag(takes_context=True)
def body_with_glossary_links(context, body):
    """Render a StreamField body (like {% include_block %}) and link the first use of each
    glossary term in its prose. The term list comes from the cache: no query per term.

    Text blocks leave their links to other pages in Wagtail's stored form
    (defer_rich_text_links), and they are resolved here for the whole body at once."""
    block_context = context.flatten()
    block_context["defer_rich_text_links"] = True
    html = expand_db_html(str(body.render_as_block(context=block_context)))
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    return mark_safe(link_glossary_terms(html, get_glossary(site)))  # noqa: S308 - built from escaped parts
