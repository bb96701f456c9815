"""The StreamField block that places a cells-in-the-body explainer on a page.

The numbers live in the Explainer snippet (models.py); the block chooses one, and may give it
another heading or a stage to open on. Information pages and the home page add it to their
StreamBlocks:

    from mrdinfo.explainer.blocks import ExplainerBlock
    explainer = ExplainerBlock()
"""

from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.forms.utils import ErrorList
from django.utils.text import slugify
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.snippets.blocks import SnippetChooserBlock

from .presentation import explainer_view


class ExplainerBlock(blocks.StructBlock):
    explainer = SnippetChooserBlock(
        "explainer.Explainer",
        help_text="The explainer to show. Its stages and numbers are edited in Snippets → Explainers.",
    )
    heading = blocks.CharBlock(
        required=False, max_length=120, help_text="Optional. Leave empty to use the explainer's own heading."
    )
    start_stage = blocks.CharBlock(
        required=False,
        max_length=40,
        label="Start on stage",
        help_text="Optional. The link name of the stage to open on, e.g. remission. "
        "Leave empty to start at the first stage.",
    )

    class Meta:
        icon = "list-ol"
        template = "explainer/blocks/explainer.html"
        label = "Cells-in-the-body explainer"
        description = (
            "The interactive scale from a million million leukaemia cells at diagnosis to “not detected”. "
            "It works without JavaScript as text and a table."
        )

    def bulk_to_python(self, values):
        # The snippets come in one query for the whole body (SnippetChooserBlock uses in_bulk);
        # their stages and methods in one query each, however many explainers the page has.
        struct_values = super().bulk_to_python(values)
        explainers = [value["explainer"] for value in struct_values if value.get("explainer")]
        if explainers:
            prefetch_related_objects(explainers, "stages", "methods")
        return struct_values

    def get_preview_value(self):
        from .models import Explainer

        explainer = Explainer.objects.filter(live=True).order_by("pk").first()
        return self.normalize({"explainer": explainer, "heading": "", "start_stage": ""})

    def clean(self, value):
        value = super().clean(value)
        explainer, start = value.get("explainer"), value.get("start_stage")
        if explainer and start and slugify(start) not in explainer.stage_anchors():
            raise StructBlockValidationError(
                block_errors={
                    "start_stage": ErrorList(
                        [
                            ValidationError(
                                f"{explainer.name} has no stage called {start!r}; its stages are: "
                                + ", ".join(explainer.stage_anchors())
                            )
                        ]
                    )
                }
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        explainer = value.get("explainer")
        request = (parent_context or {}).get("request")
        visible = explainer is not None and (explainer.live or getattr(explainer, "show_unpublished", False))
        if not visible or not explainer.ordered_stages:
            context["view"] = None  # an unpublished explainer shows nothing
            return context
        # Each explainer on a page gets its own ids; the script and stylesheet are linked once.
        state = _page_state(request)
        context["include_assets"] = not state["assets_linked"]
        state["assets_linked"] = True
        element_id = base = explainer.slug
        n = 2
        while element_id in state["ids"]:
            element_id, n = f"{base}-{n}", n + 1
        state["ids"].add(element_id)
        context["view"] = explainer_view(
            explainer,
            element_id,
            heading=value.get("heading") or "",
            start_stage=slugify(value.get("start_stage") or ""),
        )
        return context

    def get_searchable_content(self, value):
        explainer = value.get("explainer")
        if explainer is None:
            return []
        view = explainer_view(explainer, explainer.slug)
        content = [value.get("heading") or "", explainer.title, explainer.intro]
        for stage in view["stages"]:
            content += [stage["name"], stage["summary"], stage["note"], stage["words"], stage["digits"]]
            content += [c["text"] for c in stage["comparisons"]]
        content += [f"{m['name']} {m['limit_text']} {m['note']}" for m in view["methods"]]
        return [text for text in content if text]


def _page_state(request):
    """What this page has rendered so far: explainer ids, and whether the assets are linked.
    Kept on the request, which lives exactly as long as one page's rendering."""
    fresh = {"ids": set(), "assets_linked": False}
    if request is None:
        return fresh
    if not hasattr(request, "_explainer_page_state"):
        request._explainer_page_state = fresh
    return request._explainer_page_state
