"""Snippets → Explainers in the Wagtail admin."""

from wagtail.admin.ui.tables import UpdatedAtColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Explainer


class ExplainerViewSet(SnippetViewSet):
    model = Explainer
    icon = "list-ol"
    menu_label = "Explainers"
    list_display = ["name", "title", UpdatedAtColumn()]
    search_fields = ["name", "title"]


register_snippet(ExplainerViewSet)
