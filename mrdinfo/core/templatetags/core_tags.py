from collections.abc import Mapping
from typing import Any

from django import template
from django.template import Context
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.utils.safestring import mark_safe

from mrdinfo.core import caching

register = template.Library()


@register.filter
def nav_current(link: Mapping[str, Any], path: str) -> str:
    """aria-current for a menu link: "page" on the page itself, "true" anywhere in its section
    (so /understanding-mrd/ is marked while reading /understanding-mrd/remission/)."""
    url = link.get("url") or ""
    if link.get("external") or not url.startswith("/"):
        return ""
    if url == path:
        return "page"
    if url != "/" and path.startswith(url):
        return "true"
    return ""


@register.tag("cached_fragment")
def do_cached_fragment(parser: Parser, token: Token) -> "CachedFragmentNode":
    """{% cached_fragment "name" value... %}markup{% endcached_fragment %}: the markup, cached under
    its name, the given values and the content generation (core/caching/), so any content change
    renders it afresh. Only for markup that is a pure function of stored content and those values
    (never of the visitor). A preview is always rendered afresh."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("cached_fragment needs a name")
    nodelist = parser.parse(("endcached_fragment",))
    parser.delete_first_token()
    return CachedFragmentNode(nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(b) for b in bits[2:]])


class CachedFragmentNode(template.Node):
    def __init__(self, nodelist: NodeList, name: FilterExpression, values: list[FilterExpression]) -> None:
        self.nodelist, self.name, self.values = nodelist, name, values

    def render(self, context: Context) -> str:
        request = context.get("request")
        if request is None or getattr(request, "is_preview", False):
            return self.nodelist.render(context)
        parts = tuple(value.resolve(context) for value in self.values)
        html = caching.cached_fragment(self.name.resolve(context), parts, lambda: str(self.nodelist.render(context)))
        return mark_safe(html)  # noqa: S308 - rendered by this template
