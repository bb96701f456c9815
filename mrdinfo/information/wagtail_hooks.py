from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import GlossaryTerm


class GlossaryTermViewSet(SnippetViewSet):
    model = GlossaryTerm
    icon = "help"
    menu_label = "Glossary terms"
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["term", "other_names", "definition"]
    # A short list: plain database matching finds parts of words ("resid"), which editors expect.
    search_backend_name = None
    search_fields = ["term", "other_names", "definition"]
    ordering = ["term"]


register_snippet(GlossaryTermViewSet)
