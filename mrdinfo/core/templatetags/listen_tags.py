from typing import Any

from django import template
from django.template import Context

from mrdinfo.core.pages import listening

register = template.Library()


@register.inclusion_tag("core/includes/listen_control.html", takes_context=True)
def listen_control(context: Context) -> dict[str, Any]:
    """The "Listen to this page" control (core/pages/listening.py), hidden until listen.js finds
    a voice, with the site's pronunciations as a JSON data block."""
    return {"pronunciations": listening.pronunciations(context.get("request"))}
