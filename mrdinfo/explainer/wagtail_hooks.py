"""Snippets → Explainers in the Wagtail admin, and explainer.js before a page's first paint."""

from wagtail import hooks
from wagtail.admin.ui.tables import UpdatedAtColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .blocks import ExplainerBlock
from .models import Explainer


class ExplainerViewSet(SnippetViewSet):
    model = Explainer
    icon = "list-ol"
    menu_label = "Explainers"
    list_display = ["name", "title", UpdatedAtColumn()]
    search_fields = ["name", "title"]


register_snippet(ExplainerViewSet)


def shows_an_explainer(page):
    """Whether any of the page's StreamFields shows an explainer at its top level. It reads the
    page's own stream values, which the template renders next, so it adds no query."""
    for field in page._meta.get_fields():
        if getattr(field, "stream_block", None) is None:
            continue
        for child in getattr(page, field.name):
            if isinstance(child.block, ExplainerBlock) and child.block.is_shown(child.value):
                return True
    return False


@hooks.register("mrdinfo_first_paint_scripts")
def explainer_script_before_first_paint(page):
    # A shared link to a stage (#…-mrd-found-low) must be painted at that stage: without this,
    # Chromium may paint before :target applies and show stage 1 first, then move the page.
    return ["explainer/explainer.js"] if shows_an_explainer(page) else []
