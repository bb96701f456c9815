"""What the information pages show around their body: the contents list (ending with the sources
and review section), the list of sources, and cards linking to other pages. Plain functions of a
page's stored body and its neighbours, shared by the hub, information and glossary pages."""

from collections.abc import Iterable
from typing import Any

from django.http import HttpRequest

from wagtail.models import Page

from mrdinfo.core.pages.headings import anchor_for

from .blocks import reference_anchor

# The heading of the section at the end of each page that lists its sources and review dates.
ABOUT_SECTION_TEXT = "Sources and review dates"


def contents_with_about_section(headings: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], str]:
    """The page's section headings, then a last entry for the sources and review section."""
    sections = [h for h in headings if h["level"] == 2]
    taken = {h["anchor"] for h in headings}
    about: dict[str, Any] = {
        "anchor": anchor_for("about-this-information", taken),
        "text": ABOUT_SECTION_TEXT,
        "level": 2,
    }
    return sections + [about], about["anchor"]


def references_in(body: Any) -> list[dict[str, Any]]:
    """Every reference in the body's references blocks, in order, each with its anchor on the page
    (#source-<link name>, or #source-<number> for one without a link name).

    Read from the stored form, converting only the references blocks: iterating the body would
    build every block (an explainer costs three queries) just to find the plain-text sources."""
    raw = getattr(body, "raw_data", None)
    if raw is None:
        values = [block.value for block in body if block.block_type == "references"]
    else:
        references_block = body.stream_block.child_blocks["references"]
        values = [
            references_block.to_python(item.get("value") or {}) for item in raw if item.get("type") == "references"
        ]
    references = [reference for value in values for reference in value["references"]]
    return [
        {**dict(reference), "anchor": reference_anchor(reference.get("key"), position)}
        for position, reference in enumerate(references, start=1)
    ]


def summary_cards(pages: Iterable[Page], request: HttpRequest | None = None) -> list[dict[str, Any]]:
    """Plain data (cacheable): each page's title, summary and address as seen from this request's site."""
    return [
        {"url": page.get_url(request=request), "title": page.title, "summary": getattr(page, "summary", "") or ""}
        for page in pages
    ]
