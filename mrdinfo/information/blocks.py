"""The blocks of an information page: the shared ones (headings, text, callouts, images...) plus
key figures, "questions to ask", "what your result may say" and references.

InformationStreamBlock is a class so that other apps' blocks (the explainer) join it in one line.
Every block has a description and a preview, so editors see it in the block picker."""

from wagtail import blocks

from mrdinfo.core.blocks import RICH_TEXT_FEATURES, BaseStreamBlock
from mrdinfo.explainer.blocks import ExplainerBlock, ResultReaderBlock

PREVIEW_TEMPLATE = "information/blocks/preview.html"
# Meanings of result wordings are short: a sentence or two, perhaps a link, no lists.
SHORT_RICH_TEXT_FEATURES = ["bold", "italic", "link"]


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


class ReferenceBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=300, help_text="The title of the paper, page or report.")
    publisher = blocks.CharBlock(
        max_length=160, help_text="The journal or organisation, e.g. “The Lancet Oncology” or “NHS”."
    )
    year = blocks.CharBlock(required=False, max_length=20, help_text="The year it was published, if known.")
    url = blocks.URLBlock(required=False, label="Link", help_text="Where readers can find it, if it is online.")

    class Meta:
        icon = "link"
        label = "Reference"


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
    if it holds prose, render that prose inside an element with the class `rich-text` so the
    glossary links its terms (see glossary.py)."""

    # The shared text block, drawn by a template that can leave links to pages for the page to
    # resolve all at once (see templatetags/information_tags.py): a query per page type for the
    # whole body, not a query or two for every paragraph that links to another page.
    text = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        label="Text",
        description="Paragraphs and lists. Keep sentences short.",
        preview_value="<p>Remission means the doctors can no longer see leukaemia cells under the microscope.</p>",
        template="information/blocks/text.html",
        preview_template=PREVIEW_TEMPLATE,
    )
    key_figure = KeyFigureBlock()
    questions = QuestionsBlock()
    result_wordings = ResultWordingsBlock()
    references = ReferencesBlock()
    explainer = ExplainerBlock()
    result_reader = ResultReaderBlock()

    class Meta:
        template = "information/blocks/stream.html"
