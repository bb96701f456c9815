"""Stable, unique anchors for headings in a StreamField body.

Shared links point at sections (/understanding-mrd/remission/#why-treatment-continues), so an
anchor must not change when an unrelated heading is added. Editors may fix an anchor by hand
(the heading block's "link name"); otherwise it comes from the heading text. Two headings with
the same text get -2, -3 in document order."""

from django.utils.text import slugify

HEADING_BLOCK_TYPES = {"heading"}


def anchor_for(text, taken):
    base = slugify(text)[:60].strip("-") or "section"
    anchor, n = base, 2
    while anchor in taken:
        anchor, n = f"{base}-{n}", n + 1
    taken.add(anchor)
    return anchor


def collect_headings(stream_value):
    """Return [{"id", "text", "level", "anchor"}] for every heading block, in order.
    Hand-set anchors are reserved first, so they never get a number added."""
    blocks = [b for b in stream_value if b.block_type in HEADING_BLOCK_TYPES]
    taken = {slugify(b.value.get("anchor") or "") for b in blocks if b.value.get("anchor")}
    headings = []
    for block in blocks:
        fixed = slugify(block.value.get("anchor") or "")
        anchor = fixed or anchor_for(block.value["text"], taken)
        headings.append(
            {
                "id": block.id,
                "text": block.value["text"],
                "level": int(block.value.get("level") or 2),
                "anchor": anchor,
            }
        )
    return headings
