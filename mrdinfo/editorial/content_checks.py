"""Our own accessibility content checks, added to Wagtail's content checker (the "Checks" panel
in the page editor and the userbar on a previewed page). Each rule is an axe-core rule whose check
is evaluated by static/editorial/content-checks.js (a file, because the public pages' CSP allows
no inline script); Wagtail runs them with its own.

- mrd-heading-levels: a heading that skips a level (an h2 followed by an h4);
- mrd-image-alt: an image with no alt attribute (alt="" is allowed: it marks a decorative image);
- mrd-vague-link-text: a link that says only "click here", "read more", "here"… with no context;
- mrd-power-of-ten: a number written as a power of ten (10^-4, 10⁻⁴, 1e-4, 1 × 10-4) with no
  words beside it: parents read numbers in words first ("1 in 10,000"), digits second.
"""

from typing import Any

from django.http import HttpRequest

from wagtail.admin.userbar import ContentCheckerItem
from wagtail.models import Page

CUSTOM_RULES = [
    {
        "id": "mrd-heading-levels",
        "impact": "moderate",
        "selector": "h1, h2, h3, h4, h5, h6",
        "tags": ["best-practice", "mrdinfo"],
        "any": ["mrd-check-heading-levels"],
        "enabled": True,
    },
    {
        "id": "mrd-image-alt",
        "impact": "serious",
        "selector": "img",
        "tags": ["wcag2a", "mrdinfo"],
        "any": ["mrd-check-image-alt"],
        "enabled": True,
    },
    {
        "id": "mrd-vague-link-text",
        "impact": "serious",
        "selector": "a[href]",
        "tags": ["best-practice", "mrdinfo"],
        "any": ["mrd-check-link-text"],
        "enabled": True,
    },
    {
        "id": "mrd-power-of-ten",
        "impact": "moderate",
        "selector": "p, li, td, th, dd, dt, figcaption, caption, blockquote, h1, h2, h3, h4, h5, h6",
        "tags": ["best-practice", "mrdinfo"],
        "any": ["mrd-check-power-of-ten"],
        "enabled": True,
    },
]

CUSTOM_CHECKS = [
    {"id": "mrd-check-heading-levels"},
    {"id": "mrd-check-image-alt"},
    {
        "id": "mrd-check-link-text",
        "options": {
            "vague": [
                "click here",
                "click",
                "here",
                "read more",
                "more",
                "find out more",
                "learn more",
                "more info",
                "more information",
                "this page",
                "this link",
                "link",
                "go",
            ]
        },
    },
    {"id": "mrd-check-power-of-ten"},
]

CUSTOM_MESSAGES = {
    "mrd-heading-levels": {
        "error_name": "A heading level is skipped",
        "help_text": "Go down one level at a time (a heading 2, then heading 3): screen reader users move by headings",
    },
    "mrd-image-alt": {
        "error_name": "Image has no alt text",
        "help_text": "Describe what the image shows for people who cannot see it",
    },
    "mrd-vague-link-text": {
        "error_name": "Link text does not say where it goes",
        "help_text": "Replace “click here” or “read more” with words that make sense on their own, "
        "e.g. “Read about remission”",
    },
    "mrd-power-of-ten": {
        "error_name": "Number written as a power of ten with no words",
        "help_text": "Write it in words first, e.g. “1 in 10,000 (10⁻⁴)”",
    },
}


class MrdContentCheckerItem(ContentCheckerItem):
    """Wagtail's content checker plus our rules (the evaluate functions load as its media)."""

    class Media:
        js = ["editorial/content-checks.js"]

    def get_axe_run_only(self, request: HttpRequest) -> list[str] | None:
        run_only = super().get_axe_run_only(request)
        if not run_only:  # every rule runs already
            return run_only
        return [*run_only, *(rule["id"] for rule in CUSTOM_RULES if rule["id"] not in run_only)]

    def get_axe_custom_rules(self, request: HttpRequest) -> list[dict[str, Any]]:
        return [*super().get_axe_custom_rules(request), *CUSTOM_RULES]

    def get_axe_custom_checks(self, request: HttpRequest) -> list[dict[str, Any]]:
        return [*super().get_axe_custom_checks(request), *CUSTOM_CHECKS]

    def get_axe_messages(self, request: HttpRequest) -> dict[str, Any]:
        return {**super().get_axe_messages(request), **CUSTOM_MESSAGES}


def use_our_content_checker(request: HttpRequest, items: list[Any], page: Page | None = None) -> None:
    """construct_wagtail_userbar: swap Wagtail's checker item for ours, keeping where it runs."""
    for index, item in enumerate(items):
        if isinstance(item, ContentCheckerItem) and not isinstance(item, MrdContentCheckerItem):
            items[index] = MrdContentCheckerItem(in_editor=item.in_editor)
