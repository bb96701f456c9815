"""Markdown in content files → Wagtail's rich text database format.

Content files use a small part of Markdown: paragraphs, bullet and numbered lists, **bold**,
*italic* and [links](/path/). A link to a page of this site becomes a Wagtail page link (by id),
so it keeps working when an editor renames or moves the page. Headings, images, tables and code
are refused: in Wagtail those are blocks, not rich text."""

import re
from collections.abc import Callable
from typing import Any

import markdown
from bs4 import BeautifulSoup

ALLOWED_TAGS = {"p", "ul", "ol", "li", "b", "i", "a", "br"}
RENAMES = {"strong": "b", "em": "i"}


class RichTextError(ValueError):
    pass


def markdown_to_rich_text(text: Any, resolve_page: Callable[[str], Any]) -> str:
    """resolve_page(path) → a Page or None. Returns Wagtail's stored HTML."""
    html = markdown.markdown(str(text).strip(), output_format="html")
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(True):
        tag.name = RENAMES.get(tag.name, tag.name)
        if tag.name not in ALLOWED_TAGS:
            raise RichTextError(
                f"<{tag.name}> is not allowed in rich text here: use paragraphs, lists, bold, italic and links "
                "(headings, images and tables are separate blocks)"
            )
        if tag.name == "a":
            href: Any = tag.get("href", "")
            tag.attrs = {}
            if href.startswith("/") and "#" not in href and "?" not in href:
                page = resolve_page(href)
                if page is None:
                    raise RichTextError(f"the link to {href} does not match any page")
                tag["linktype"] = "page"
                tag["id"] = str(page.pk)
            elif re.match(r"^(https://|http://|mailto:|tel:|/|#)", href):
                tag["href"] = href
            else:
                raise RichTextError(f"the link {href!r} should start with /, https://, mailto: or tel:")
        elif tag.attrs:
            tag.attrs = {}
    return "".join(str(child) for child in soup.contents).strip()
