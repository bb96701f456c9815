"""Stable, unique anchors for headings in a StreamField body.

Shared links point at sections (/understanding-mrd/remission/#why-treatment-continues), so an
anchor must not change when an unrelated heading is added. Editors may fix an anchor by hand
(the heading block's "link name"); otherwise it comes from the heading text. Two headings with
the same text get -2, -3 in document order."""

from typing import Any

from django.utils.text import slugify

from mrdinfo.core.pages.slugs import unique_slug

HEADING_BLOCK_TYPES = {"heading"}


def anchor_for(text: str, taken: set[str]) -> str:
    return unique_slug(slugify(text)[:60].strip("-") or "section", taken)


def heading_blocks(stream_value: Any) -> list[tuple[str | None, dict[str, Any]]]:
    """(id, value) of each heading block. Read from the stored form: a heading is plain text,
    and going through the blocks would build every other block too (an explainer costs queries)."""
    raw = getattr(stream_value, "raw_data", None)
    if raw is None:
        return [(b.id, b.value) for b in stream_value if b.block_type in HEADING_BLOCK_TYPES]
    return [(item.get("id"), item.get("value") or {}) for item in raw if item.get("type") in HEADING_BLOCK_TYPES]


def collect_headings(stream_value: Any) -> list[dict[str, Any]]:
    """Return [{"id", "text", "level", "anchor"}] for every heading block, in order.
    Hand-set anchors are reserved first, so they never get a number added."""
    blocks = heading_blocks(stream_value)
    taken = {slugify(value.get("anchor") or "") for _id, value in blocks if value.get("anchor")}
    headings: list[dict[str, Any]] = []
    for block_id, value in blocks:
        fixed = slugify(value.get("anchor") or "")
        anchor = fixed or anchor_for(value.get("text") or "", taken)
        headings.append(
            {
                "id": block_id,
                "text": value.get("text") or "",
                "level": int(value.get("level") or 2),
                "anchor": anchor,
            }
        )
    return headings
