from typing import Any

from django import template
from django.template import Context

from mrdinfo.core.pages import prose as prose_module

register = template.Library()


@register.simple_tag(takes_context=True)
def prose(context: Context, value: Any) -> str:
    """Prose in a block's template: `<div class="rich-text">{% prose value %}</div>`. Inside a
    stream, rich text keeps its stored links for the stream to resolve at once and the stream's
    prose filters (the glossary) apply to it; see core/pages/prose.py."""
    return prose_module.prose_html(value, context)
