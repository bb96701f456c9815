from wagtail import hooks
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import GlossaryTerm, TopicIndexPage


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


# Offline reading (core/offline): opening a topic hub saves it and every page under it (the
# glossary, the explainer's and the result reader's pages) for reading offline.
@hooks.register("mrdinfo_offline_guide_opened_from")
def hubs_save_the_guide(request):
    return TopicIndexPage.objects.live()


@hooks.register("mrdinfo_offline_guide_pages")
def the_guide(request):
    pages = []
    for hub in TopicIndexPage.objects.live():
        pages.extend(Page.objects.descendant_of(hub, inclusive=True).live())
    return pages
