"""The admin's own template tags (templates/wagtailadmin/admin_base.html)."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def admin_site_name() -> str:
    """The charity's name (WAGTAIL_SITE_NAME), which every admin tab's title ends with."""
    return getattr(settings, "WAGTAIL_SITE_NAME", "") or "Wagtail"
