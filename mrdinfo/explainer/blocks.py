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

from mrdinfo.core.pages.slugs import unique_slug

from .presentation import explainer_view
from .reader import reader_view, script_data
from .results import read_result

# The query parameter the result reader answers. The page cache keys on it: keep the name.
RESULT_PARAMETER = "result"


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

    @staticmethod
    def is_shown(value):
        """An explainer shows when it is published, or in a preview of its own draft."""
        explainer = value.get("explainer")
        return explainer is not None and (explainer.live or getattr(explainer, "show_unpublished", False))

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        explainer = value.get("explainer")
        request = (parent_context or {}).get("request")
        if not self.is_shown(value) or not explainer.ordered_stages:
            context["view"] = None  # an unpublished explainer shows nothing
            return context
        # Each explainer on a page gets its own ids; the script and stylesheet are linked once.
        state = _page_state(request)
        context["include_css"] = _first_time(state, "css")
        context["include_assets"] = _first_time(state, "explainer.js")
        element_id = unique_slug(explainer.slug, state["ids"])
        context["view"] = explainer_view(
            explainer,
            element_id,
            heading=value.get("heading") or "",
            start_stage=slugify(value.get("start_stage") or ""),
        )
        return context

    def get_searchable_content(self, value):
        explainer = value.get("explainer")
        if explainer is None or not explainer.live:  # an unpublished explainer is not shown
            return []
        view = explainer_view(explainer, explainer.slug)
        content = [value.get("heading") or "", explainer.title, explainer.intro]
        for stage in view["stages"]:
            content += [stage["name"], stage["summary"], stage["note"], stage["words"]]
            content += [c["text"] for c in stage["comparisons"]]
        content += [f"{m['name']} {m['limit_text']} {m['note']}" for m in view["methods"]]
        return [text for text in content if text]


class ResultReaderBlock(blocks.StructBlock):
    """A parent types an MRD result as the report writes it and reads it in plain words, placed
    against what each test can find. Without JavaScript it is a GET form (?result=…) that the
    server answers on the same page; with JavaScript (result-reader.js) it answers in place."""

    explainer = SnippetChooserBlock(
        "explainer.Explainer",
        help_text="Whose detection methods (microscope, MRD test, newer tests) the result is placed against.",
    )
    heading = blocks.CharBlock(required=False, max_length=120, help_text="Optional. Leave empty for “Read a result”.")

    class Meta:
        icon = "search"
        template = "explainer/blocks/result_reader.html"
        label = "MRD result reader"
        description = (
            "Parents type a result as it is written on the report (0.01%, 1E-04, negative…) and see it "
            "in plain words. It converts notation only; it never says what a result means for risk."
        )

    def bulk_to_python(self, values):
        struct_values = super().bulk_to_python(values)
        explainers = [value["explainer"] for value in struct_values if value.get("explainer")]
        if explainers:
            prefetch_related_objects(explainers, "methods")
        return struct_values

    def get_preview_value(self):
        from .models import Explainer

        explainer = Explainer.objects.filter(live=True).order_by("pk").first()
        return self.normalize({"explainer": explainer, "heading": ""})

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        explainer = value.get("explainer")
        request = (parent_context or {}).get("request")
        visible = explainer is not None and (explainer.live or getattr(explainer, "show_unpublished", False))
        methods = [(m.name, *m.limits, m.limit_text) for m in explainer.ordered_methods] if visible else []
        state = _page_state(request)
        context["include_css"] = _first_time(state, "css")
        context["include_script"] = _first_time(state, "result-reader.js")
        context["reader_id"] = unique_slug("result-reader", state["ids"])
        # The grammar and the words, for the script to read results in the browser (offline too).
        context["reader_data"] = script_data(methods)
        context["reader_data_id"] = f"{context['reader_id']}-data"
        context["heading"] = value.get("heading") or "Read a result"
        context["answer"] = None
        query = getattr(request, "GET", None)
        if query is not None and RESULT_PARAMETER in query:
            # The last value if the parameter is repeated; a reading never raises, so a bad query
            # string gets the "could not read" answer, never an error page.
            typed = query.get(RESULT_PARAMETER, "")
            context["answer"] = reader_view(read_result(typed), methods, typed)
        return context


def _first_time(state, asset):
    """True the first time a page asks for this asset: each is linked once per page."""
    if asset in state["assets"]:
        return False
    state["assets"].add(asset)
    return True


def _page_state(request):
    """What this page has rendered so far: explainer ids, and which assets are linked.
    Kept on the request, which lives exactly as long as one page's rendering."""
    fresh = {"ids": set(), "assets": set()}
    if request is None:
        return fresh
    if not hasattr(request, "_explainer_page_state"):
        request._explainer_page_state = fresh
    return request._explainer_page_state
