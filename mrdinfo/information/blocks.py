"""The blocks of an information page: the shared ones (headings, text, callouts, images...) plus
key figures, "questions to ask", "what your result may say", simple tables and references.

References carry what a reader needs to find the source (authors, title, journal or publisher,
year, and a DOI or a link). Each one has an anchor on the page (#source-<link name>), so a key
figure names the reference it comes from and links to it; the stream refuses a key figure that
names a reference the page does not list.

InformationStreamBlock is a class so that other apps' blocks (the explainer) join it in one line.
Every block has a description and a preview, so editors see it in the block picker."""

import re

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.text import slugify

from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

from mrdinfo.core.pages.blocks import BaseStreamBlock
from mrdinfo.explainer.blocks import ExplainerBlock, ResultReaderBlock

PREVIEW_TEMPLATE = "information/blocks/preview.html"
# Meanings of result wordings are short: a sentence or two, perhaps a link, no lists.
SHORT_RICH_TEXT_FEATURES = ["bold", "italic", "link"]
DOI = re.compile(r"^10\.\d{4,9}/\S+$")
YEAR = re.compile(r"\b(19|20)\d\d\b")


def reference_anchor(key, position):
    """The id of a reference on its page: from its link name, else from its place in the list."""
    return f"source-{slugify(key)}" if key and slugify(key) else f"source-{position}"


class KeyFigureBlock(blocks.StructBlock):
    figure = blocks.CharBlock(
        max_length=40,
        help_text="The number as people say it, e.g. “More than 90 in 100” or “1 in 10,000”.",
    )
    explanation = blocks.TextBlock(
        max_length=240,
        help_text="What the number means, in one or two plain sentences.",
    )
    source = blocks.CharBlock(
        max_length=160,
        help_text="Where the number comes from, e.g. “Cancer Research UK”. List the full source in the "
        "page's references too.",
    )
    reference = blocks.CharBlock(
        required=False,
        max_length=60,
        label="Reference link name",
        help_text="The link name of the reference this number comes from, e.g. “moorman-2022”. The "
        "source then links to it in the page's list of sources.",
    )

    class Meta:
        icon = "order"
        template = "information/blocks/key_figure.html"
        preview_template = PREVIEW_TEMPLATE
        label = "Key figure"
        description = "One number that matters, shown large, with what it means and where it comes from."
        preview_value = {
            "figure": "1 in 10,000",
            "explanation": "The MRD test can find one leukaemia cell among ten thousand healthy cells.",
            "source": "Blood, 2015",
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["reference_anchor"] = reference_anchor(value.get("reference"), 0)
        return context


class QuestionsBlock(blocks.StructBlock):
    intro = blocks.CharBlock(
        required=False,
        max_length=200,
        help_text="Optional line above the questions, e.g. “You might like to ask:”.",
    )
    questions = blocks.ListBlock(
        blocks.CharBlock(max_length=200, label="Question"),
        min_num=1,
        help_text="One question a line, in the words a parent would use.",
    )

    class Meta:
        icon = "help"
        template = "information/blocks/questions.html"
        preview_template = PREVIEW_TEMPLATE
        label = "Questions to ask"
        description = "A list of questions families can take to their child's care team."
        preview_value = {
            "intro": "You might like to ask:",
            "questions": ["When will my child have the MRD test?", "When will we hear the result?"],
        }


class ResultWordingBlock(blocks.StructBlock):
    wording = blocks.CharBlock(
        max_length=80,
        help_text="The words as they appear on a report or letter, e.g. “MRD negative”.",
    )
    meaning = blocks.RichTextBlock(
        features=SHORT_RICH_TEXT_FEATURES,
        help_text="What it means for the child, in plain words.",
    )

    class Meta:
        icon = "doc-full"
        label = "Result wording"


class ResultWordingsBlock(blocks.StructBlock):
    results = blocks.ListBlock(ResultWordingBlock(), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "information/blocks/result_wordings.html"
        preview_template = PREVIEW_TEMPLATE
        label = "What your result may say"
        description = "Words that can appear on a result, each with what it means."
        preview_value = {
            "results": [
                {
                    "wording": "MRD negative",
                    "meaning": "<p>The test did not find any leukaemia cells in the sample.</p>",
                },
                {
                    "wording": "Positive, not quantifiable",
                    "meaning": "<p>The test found a sign of leukaemia, but too little to count.</p>",
                },
            ]
        }


class SimpleTableBlock(blocks.StructBlock):
    """A small table of short cells, e.g. the ways one MRD result can be written. The first cell
    of each row heads that row. Cells wrap, so the table fits a phone without scrolling sideways."""

    caption = blocks.CharBlock(max_length=200, help_text="What the table shows, in a few words.")
    header = blocks.ListBlock(blocks.CharBlock(max_length=60, label="Column heading"), min_num=2, max_num=4)
    rows = blocks.ListBlock(
        blocks.ListBlock(blocks.CharBlock(max_length=80, label="Cell"), label="Row"),
        min_num=1,
        help_text="Each row has one cell for each column heading.",
    )

    class Meta:
        icon = "table"
        template = "information/blocks/simple_table.html"
        preview_template = PREVIEW_TEMPLATE
        label = "Simple table"
        description = "A small table with column headings. Keep cells short so it fits a phone."
        preview_value = {
            "caption": "Ways the same result can be written",
            "header": ["As a percentage", "In plain words"],
            "rows": [["0.01%", "1 in 10,000"], ["0.001%", "1 in 100,000"]],
        }

    def clean(self, value):
        value = super().clean(value)
        columns = len(value["header"])
        errors = {
            index: ValidationError(f"This row has {len(row)} cells; the table has {columns} columns.")
            for index, row in enumerate(value["rows"])
            if len(row) != columns
        }
        if errors:
            raise StructBlockValidationError(block_errors={"rows": ListBlockValidationError(block_errors=errors)})
        return value


class ReferenceBlock(blocks.StructBlock):
    key = blocks.CharBlock(
        required=False,
        max_length=60,
        label="Link name",
        help_text="A short name for linking to this reference from a key figure, e.g. “moorman-2022”.",
    )
    authors = blocks.CharBlock(
        required=False,
        max_length=200,
        help_text="For a paper: the authors as the journal lists them, e.g. “Moorman AV, Antony G, Wade R, "
        "et al.”. Leave empty for a web page written by an organisation.",
    )
    title = blocks.CharBlock(max_length=300, help_text="The real title of the paper, page or report.")
    publisher = blocks.CharBlock(
        max_length=160, help_text="The journal or organisation, e.g. “The Lancet Oncology” or “NHS”."
    )
    year = blocks.CharBlock(
        max_length=40,
        help_text="The year it was published. For a web page with no date, the year you read it, e.g. "
        "“page seen 2026”.",
    )
    doi = blocks.CharBlock(
        required=False, max_length=120, label="DOI", help_text="For a paper, its DOI, e.g. “10.1200/JCO.22.00245”."
    )
    url = blocks.URLBlock(required=False, label="Link", help_text="Where readers can find it online.")

    class Meta:
        icon = "link"
        label = "Reference"

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        doi = (value.get("doi") or "").strip()
        if doi and not DOI.match(doi):
            errors["doi"] = ErrorList(
                [ValidationError("A DOI starts with “10.” then a slash, e.g. 10.1200/JCO.22.00245.")]
            )
        if not doi and not value.get("url"):
            errors["url"] = ErrorList([ValidationError("Give a DOI or a link, so readers can find the source.")])
        if not YEAR.search(value.get("year") or ""):
            errors["year"] = ErrorList([ValidationError("Give the year, e.g. “2022”.")])
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


class ReferencesBlock(blocks.StructBlock):
    references = blocks.ListBlock(ReferenceBlock(), min_num=1)

    class Meta:
        icon = "list-ol"
        template = "information/blocks/references.html"
        preview_template = PREVIEW_TEMPLATE
        label = "References"
        description = (
            "The sources of the facts and figures on this page. Wherever you put this block, the list is "
            "shown at the end of the page, beside the review dates."
        )
        preview_value = {
            "references": [
                {
                    "key": "moppett-2003",
                    "authors": "Moppett J, Burke GAA, Steward CG, Oakhill A, Goulden NJ",
                    "title": "The clinical relevance of detection of minimal residual disease in childhood "
                    "acute lymphoblastic leukaemia",
                    "publisher": "Journal of Clinical Pathology",
                    "year": "2003",
                    "url": "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC1769921/",
                }
            ]
        }


class InformationStreamBlock(BaseStreamBlock):
    """The body of an information page. Add a block here in one line; give it a template and,
    if it holds prose, render that prose with `{% prose %}` inside an element with the class
    `rich-text`, so links resolve with the rest of the body and the glossary links its terms
    (core/pages/prose.py). Text, headings, callouts and images come from BaseStreamBlock."""

    key_figure = KeyFigureBlock()
    questions = QuestionsBlock()
    result_wordings = ResultWordingsBlock()
    table = SimpleTableBlock()
    references = ReferencesBlock()
    explainer = ExplainerBlock()
    result_reader = ResultReaderBlock()

    class Meta:
        template = "information/blocks/stream.html"

    def clean(self, value):
        value = super().clean(value)
        # A key figure's link must lead somewhere: to a reference this page lists.
        keys = {
            slugify(reference["key"])
            for child in value
            if child.block_type == "references"
            for reference in child.value["references"]
            if reference.get("key")
        }
        errors = {}
        for index, child in enumerate(value):
            wanted = child.value.get("reference") if child.block_type == "key_figure" else None
            if wanted and slugify(wanted) not in keys:
                message = f"No reference on this page has the link name “{wanted}”."
                errors[index] = StructBlockValidationError(
                    block_errors={"reference": ErrorList([ValidationError(message)])}
                )
        if errors:
            raise StreamBlockValidationError(block_errors=errors)
        return value
