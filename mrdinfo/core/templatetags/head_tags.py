"""Scripts a page needs before its first paint, named by the apps that own them.

Core knows no domain app: an app registers a Wagtail hook, `mrdinfo_first_paint_scripts`, a
function of the page that returns static paths of module scripts. Each is linked in <head>
with `blocking="render"`, so a browser that supports it paints the page only after the script
has run (module scripts run once, however often they are linked). The explainer uses this so a
shared link to a stage is painted at that stage, rather than at the first stage and then moved."""

from django import template
from django.template import Context
from django.templatetags.static import static
from django.utils.html import format_html_join

from wagtail import hooks
from wagtail.models import Page

from mrdinfo.core import caching

register = template.Library()

HOOK_NAME = "mrdinfo_first_paint_scripts"


@register.simple_tag(takes_context=True)
def first_paint_scripts(context: Context, page: Page | None) -> str:
    if not page:  # views that are not pages (search, 404) have none
        return ""
    request = context.get("request")
    if getattr(request, "is_preview", False) or not page.pk:
        paths = scripts_for_page(page)  # a draft: what it holds now, never a stored answer
    else:
        # A pure function of the page's stored content: worked out once per content generation,
        # so a render served from the fragment caches does not load the page's blocks for it.
        paths = caching.cached_fragment("first-paint-scripts", (page.pk,), lambda: scripts_for_page(page))
    return format_html_join(
        "\n  ", '<script type="module" src="{}" blocking="render"></script>', ((static(path),) for path in paths)
    )


def scripts_for_page(page: Page) -> list[str]:
    paths: list[str] = []
    for scripts_for in hooks.get_hooks(HOOK_NAME):
        for path in scripts_for(page):
            if path not in paths:
                paths.append(path)
    return paths
