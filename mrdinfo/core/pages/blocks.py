"""StreamField blocks shared by every page type. Domain apps extend BaseStreamBlock with their
own blocks (information adds key figures and references, explainer adds the explainer).

Blocks that hold prose (text, callouts, and apps' blocks such as result wordings) render it with
`{% prose %}` inside an element with the class `rich-text`; every BaseStreamBlock, wherever it
is used, finishes its prose as a whole (links resolved at once, the glossary linked): see
prose.py.

Every block has a preview_value and description, so editors see it in the block picker."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.forms.utils import ErrorList
from django.utils.safestring import SafeString
from django.utils.text import slugify

from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageBlock

from mrdinfo.core.pages import prose
from mrdinfo.core.pages.headings import collect_headings

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120, help_text="Short and plain; it appears in “On this page”.")
    level = blocks.ChoiceBlock(choices=[("2", "Section heading (h2)"), ("3", "Sub-heading (h3)")], default="2")
    anchor = blocks.CharBlock(
        required=False,
        max_length=60,
        label="Link name",
        help_text="Optional. The #part of a link to this section. Set it to keep shared links "
        "working if you later reword the heading.",
    )

    class Meta:
        icon = "title"
        template = "core/blocks/heading.html"
        label = "Heading"
        description = "A section heading. Section headings are listed in “On this page”."
        preview_value = {"text": "What the test looks for", "level": "2"}

    def get_context(self, value: Any, parent_context: dict[str, Any] | None = None) -> dict[str, Any]:
        context = super().get_context(value, parent_context=parent_context)
        anchors = (parent_context or {}).get("heading_anchors") or {}
        block_id = (parent_context or {}).get("block_id")
        context["anchor"] = anchors.get(block_id) or slugify(value.get("anchor") or value["text"])
        return context


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock()
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "core/blocks/image.html"
        label = "Image"
        description = "An image with alt text (or marked decorative) and an optional caption."

    def bulk_to_python(self, values: list[Any]) -> list[Any]:
        # One query for all renditions of all images in this field, not one per image.
        struct_values = super().bulk_to_python(values)
        images = [v["image"] for v in struct_values if v.get("image")]
        if images:
            prefetch_related_objects(images, "renditions")
        return struct_values


CALLOUT_STYLES = [
    ("information", "Information"),
    ("important", "Important"),
    ("gentle-warning", "Gentle warning (before survival figures or other hard news)"),
]


class CalloutBlock(blocks.StructBlock):
    style = blocks.ChoiceBlock(choices=CALLOUT_STYLES, default="information")
    heading = blocks.CharBlock(required=False, max_length=100)
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "info-circle"
        template = "core/blocks/callout.html"
        label = "Callout"
        description = "A boxed note that stands out from the text. The box is labelled in words, not only by colour."
        preview_value = {
            "style": "information",
            "heading": "Good to know",
            "text": "<p>You can ask your child's care team to explain any result again.</p>",
        }


class LinkBlock(blocks.StructBlock):
    """A link to a page on this site or an address elsewhere: exactly one of the two."""

    page = blocks.PageChooserBlock(required=False)
    url = blocks.URLBlock(required=False, label="Address on another site")

    def clean(self, value: Any) -> Any:
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise StructBlockValidationError(
                block_errors={"page": ErrorList([ValidationError("Choose a page or type an address, not both.")])}
            )
        return value


class ButtonLinkBlock(LinkBlock):
    text = blocks.CharBlock(max_length=60, help_text="Say where it goes, e.g. “Find an event near you”.")

    class Meta:
        icon = "link"
        template = "core/blocks/button_link.html"
        label = "Button link"
        description = "A prominent link styled as a button."
        preview_value = {"text": "Read about the MRD test", "url": "https://example.org/"}


class CardBlock(LinkBlock):
    title = blocks.CharBlock(max_length=80, required=False, help_text="Leave empty to use the page's title.")
    text = blocks.TextBlock(max_length=200, required=False)

    class Meta:
        icon = "doc-full"
        label = "Card"


class CardsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=100)
    cards = blocks.ListBlock(CardBlock(), min_num=1, max_num=12)

    class Meta:
        icon = "grip"
        template = "core/blocks/cards.html"
        label = "Cards"
        description = "A group of linked cards, e.g. paths into the site or related pages."
        preview_value = {
            "heading": "Where to start",
            "cards": [
                {
                    "title": "What is MRD?",
                    "text": "The leukaemia cells that are left after the first treatment.",
                    "url": "https://example.org/",
                },
                {
                    "title": "How to help",
                    "text": "Events, donations and volunteering.",
                    "url": "https://example.org/",
                },
            ],
        }


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    text = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        label="Text",
        description="Paragraphs and lists. Keep sentences short.",
        preview_value="<p>Remission means the doctors can no longer see leukaemia cells under the microscope.</p>",
        template="core/blocks/text.html",
    )
    image = CaptionedImageBlock()
    callout = CalloutBlock()
    button = ButtonLinkBlock()
    cards = CardsBlock()

    class Meta:
        template = "core/blocks/stream.html"

    def get_context(self, value: Any, parent_context: dict[str, Any] | None = None) -> dict[str, Any]:
        # Heading anchors are computed once per body (unique across it) and handed to each heading.
        context = super().get_context(value, parent_context=parent_context)
        context["heading_anchors"] = {h["id"]: h["anchor"] for h in collect_headings(value)}
        return context

    def render(self, value: Any, context: dict[str, Any] | None = None) -> SafeString:
        """The blocks, then their prose finished as a whole (prose.py). A stream inside another
        stream leaves that to the outer one, so the glossary counts first uses across both."""
        if context and context.get(prose.IN_STREAM):
            return super().render(value, context=context)
        html = super().render(value, context={**(context or {}), prose.IN_STREAM: True})
        return prose.finish(html, (context or {}).get("request"))


class RetentionTableBlock(blocks.StaticBlock):
    """The privacy notice's table of what we keep, why and for how long, rendered from the
    register of personal data (personal_data.py), so the notice always says what the code does."""

    class Meta:
        icon = "table"
        label = "Personal data: what we keep and for how long"
        admin_text = "The table of personal data the site keeps, from the register in the code (not editable here)."
        template = "core/blocks/retention_table.html"

    def get_context(self, value: Any, parent_context: dict[str, Any] | None = None) -> dict[str, Any]:
        from mrdinfo.core.records.personal_data import notice_entries

        context = super().get_context(value, parent_context=parent_context)
        context["entries"] = notice_entries()
        return context
