"""{% offline_reading %}: the module script that registers the offline-reading service worker
(core/offline), in base.html. Left out of previews: an editor's draft is never saved, and the
worker is never registered from the Wagtail admin (which does not use base.html)."""

from django import template
from django.template import Context
from django.templatetags.static import static
from django.utils.html import format_html

from mrdinfo.core.offline import worker

register = template.Library()


@register.simple_tag(takes_context=True)
def offline_reading(context: Context) -> str:
    request = context.get("request")
    if request is None or getattr(request, "is_preview", False):
        return ""
    return format_html(
        '<script type="module" src="{}" data-service-worker="{}" data-scope="/"></script>',
        static("core/offline.js"),
        worker.worker_url(),
    )
