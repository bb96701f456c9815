"""Understanding MRD: the topic hub, information pages, the glossary and review metadata.

- TopicIndexPage: the hub (/understanding-mrd/), under the home page.
- InformationPage: one plain-language topic, only under a hub.
- GlossaryPage: the A–Z of glossary terms, under a hub, at most one per hub.
- GlossaryTerm: a snippet; information pages link the first use of each term (glossary.py).

Every page here carries review metadata (who reviewed it, when, when it is next due), shown on
the page itself, because parents need to know how current medical information is. The review
fields and rules live with the rest of clinical review, in mrdinfo/editorial/review.py.

The pages are in pages.py and the glossary terms in glossary_terms.py; what the pages show
around their body (contents list, sources, cards) is in page_context.py, beside this package.
Everything is importable from here, where Django and Wagtail look for the app's models."""

from ..page_context import ABOUT_SECTION_TEXT, contents_with_about_section, references_in, summary_cards
from .glossary_terms import GlossaryTerm
from .pages import GlossaryPage, InformationPage, InformationPageRelatedPage, TopicIndexPage

__all__ = [
    "ABOUT_SECTION_TEXT",
    "GlossaryPage",
    "GlossaryTerm",
    "InformationPage",
    "InformationPageRelatedPage",
    "TopicIndexPage",
    "contents_with_about_section",
    "references_in",
    "summary_cards",
]
