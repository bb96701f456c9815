"""StreamField values from content files: a list of `- block_name: value` items becomes Wagtail's
stored JSON, validated by the blocks themselves, with a mistake reported at the line of the
deepest block it concerns."""

import uuid
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError

from wagtail import blocks
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from .dates import content_date, content_datetime
from .errors import ContentError
from .references import Resolver
from .rich_text import RichTextError, markdown_to_rich_text
from .yaml_lines import LineDict, LineList

# Stable block ids: the same file always gives the same ids, so an unchanged file compares equal.
BLOCK_ID_NAMESPACE = uuid.UUID("6f1d3c1e-8a52-4b0e-9a55-1d2d6c0a7e11")


def block_id(seed: str) -> str:
    return str(uuid.uuid5(BLOCK_ID_NAMESPACE, seed))


class StreamReader:
    def __init__(self, resolver: Resolver, today: date) -> None:
        self.resolver = resolver
        self.today = today

    def stream_value(self, stream_block: blocks.StreamBlock, items: Any, display: str, line: int, id_seed: str) -> Any:
        """A StreamField's stored (prep) value from a file's list of blocks, validated."""
        raw = self.raw_stream(stream_block, items, display, line, id_seed)
        value = stream_block.to_python(raw)
        try:
            cleaned = stream_block.clean(value)
        except ValidationError as error:
            raise block_error(error, items, display, line) from None
        return stream_block.get_prep_value(cleaned)

    def raw_stream(
        self, stream_block: blocks.StreamBlock, items: Any, display: str, line: int, id_seed: str
    ) -> list[dict[str, Any]]:
        if items in (None, ""):
            return []
        if not isinstance(items, list):
            raise ContentError(display, line, "this should be a list of blocks, each written `- block_name: value`")
        raw: list[dict[str, Any]] = []
        for index, item in enumerate(items):
            item_line = items.line_of(index) if isinstance(items, LineList) else line
            if not isinstance(item, dict) or len(item) != 1:
                raise ContentError(
                    display, item_line, "each block is written `- block_name: value` (one name per item)"
                )
            ((name, value),) = item.items()
            if name not in stream_block.child_blocks:
                raise ContentError(
                    display,
                    item_line,
                    f"unknown block {name!r}; blocks here: " + ", ".join(stream_block.child_blocks),
                )
            child = stream_block.child_blocks[name]
            seed = f"{id_seed}/{index}"
            raw.append(
                {
                    "type": name,
                    "value": self.raw_block(child, value, display, item_line, seed),
                    "id": block_id(seed),
                }
            )
        return raw

    def raw_block(self, block: blocks.Block, value: Any, display: str, line: int, seed: str) -> Any:
        """A content-file value → the block's raw (JSON) form, before Wagtail validates it."""
        if isinstance(block, blocks.StreamBlock):
            return self.raw_stream(block, value, display, line, seed)
        if isinstance(block, blocks.ListBlock):
            return self.raw_list(block, value, display, line, seed)
        if isinstance(block, blocks.StructBlock):
            return self.raw_struct(block, value, display, line, seed)
        return self.raw_single(block, value, display, line)

    def raw_list(self, block: blocks.ListBlock, value: Any, display: str, line: int, seed: str) -> list[dict[str, Any]]:
        if not isinstance(value, list):
            raise ContentError(display, line, "this should be a list")
        return [
            {
                "type": "item",
                "value": self.raw_block(
                    block.child_block,
                    item,
                    display,
                    value.line_of(index) if isinstance(value, LineList) else line,
                    f"{seed}/{index}",
                ),
                "id": block_id(f"{seed}/{index}"),
            }
            for index, item in enumerate(value)
        ]

    def raw_struct(self, block: blocks.StructBlock, value: Any, display: str, line: int, seed: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise ContentError(
                display,
                line,
                "this block has several parts: write them as `name: value` lines beneath it",
            )
        unknown = [key for key in value if key not in block.child_blocks]
        if unknown:
            key_line = value.line_of(unknown[0]) if isinstance(value, LineDict) else line
            raise ContentError(
                display,
                key_line,
                f"unknown part {unknown[0]!r}; this block has: " + ", ".join(block.child_blocks),
            )
        return {
            key: self.raw_block(
                block.child_blocks[key],
                child_value,
                display,
                value.line_of(key) if isinstance(value, LineDict) else line,
                f"{seed}/{key}",
            )
            for key, child_value in value.items()
        }

    def raw_single(self, block: blocks.Block, value: Any, display: str, line: int) -> Any:
        if isinstance(block, blocks.RichTextBlock):
            try:
                return markdown_to_rich_text(value, self.resolver.page)
            except RichTextError as error:
                raise ContentError(display, line, str(error)) from None
        if isinstance(block, blocks.PageChooserBlock):
            page = self.resolver.page(str(value)) if value else None
            if value and page is None:
                raise ContentError(display, line, f"there is no page at {value}")
            return page.pk if page else None
        if isinstance(block, SnippetChooserBlock):
            # Snippets are named in content files by their content_natural_key (e.g. a name).
            obj = self.resolver.object(block.target_model, value, display, line) if value else None
            return obj.pk if obj else None
        if isinstance(block, ImageChooserBlock):
            image = self.resolver.image(value, display, line) if value else None
            return image.pk if image else None
        if isinstance(block, (blocks.DateTimeBlock, blocks.DateBlock)) and isinstance(value, (date, str)) and value:
            # As in date fields: Europe/London wall-clock times, and days relative to the load.
            try:
                if isinstance(block, blocks.DateTimeBlock):
                    return content_datetime(value, self.today).isoformat()
                return content_date(value, self.today).isoformat()
            except ValueError as error:
                raise ContentError(display, line, str(error)) from None
        if isinstance(value, (dict, list)):
            raise ContentError(display, line, "this part should be a single value, not a list or mapping")
        return value


def block_error(error: Any, items: Any, display: str, line: int) -> ContentError:
    """Find the file line of the deepest block a validation error points at."""
    node, node_line = items, line
    while getattr(error, "block_errors", None):
        key, child_error = next(iter(error.block_errors.items()))
        if isinstance(node, LineList) and isinstance(key, int) and key < len(node):
            node_line, node = node.line_of(key), node[key]
            if isinstance(error, StreamBlockValidationError) and isinstance(node, dict) and len(node) == 1:
                node = next(iter(node.values()))  # a stream item is `- block_name: value`
        elif isinstance(node, LineDict) and key in node:
            node_line, node = node.line_of(key), node[key]
        error = child_error[0] if isinstance(child_error, list) else child_error
    non_block = getattr(error, "non_block_errors", None)
    if non_block:
        messages = [m for e in non_block.as_data() for m in e.messages]
    else:
        messages = getattr(error, "messages", None) or [str(error)]
    return ContentError(display, node_line, "; ".join(str(m) for m in messages) or "this block is not valid")
