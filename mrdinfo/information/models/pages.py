"""The section's pages: the topic hub, its information pages (with their chosen related topics)
and the glossary page. Each carries review metadata (mrdinfo/editorial/review.py), shown on the
page itself."""

from typing import Any

from modelcluster.fields import ParentalKey
from modelcluster.queryset import FakeQuerySet

from django.db import models
from django.http import HttpRequest
from django.utils.functional import cached_property

from wagtail.admin.panels import FieldPanel, HelpPanel, InlinePanel, PageChooserPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, Site
from wagtail.search import index

from mrdinfo.core import caching
from mrdinfo.core.models import BasePage
from mrdinfo.core.pages.headings import anchor_for, collect_headings
from mrdinfo.editorial.review import ReviewedPage

from ..blocks import InformationStreamBlock
from ..glossary import get_glossary
from ..page_context import contents_with_about_section, references_in, summary_cards
from ..panels import ReadingEasePanel


class TopicIndexPage(ReviewedPage, BasePage):
    """The "Understanding MRD" hub: a short introduction, then every topic in this section."""

    body = StreamField(
        InformationStreamBlock(),
        blank=True,
        help_text="A short introduction above the list of topics, and its references if it states facts.",
    )

    content_panels = BasePage.content_panels + [FieldPanel("summary"), FieldPanel("body")] + ReviewedPage.review_panels
    search_fields = BasePage.search_fields + [index.SearchField("body")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["information.InformationPage", "information.GlossaryPage"]

    class Meta:
        verbose_name = "topic hub"

    def topics(self, request: HttpRequest | None = None) -> list[dict[str, Any]]:
        return summary_cards(self.get_children().live().defer_streamfields().specific(), request)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        headings = collect_headings(self.body)
        topics_anchor = anchor_for("topics", {h["anchor"] for h in headings})
        topics_heading = {"anchor": topics_anchor, "text": "Topics in this section", "level": 2}
        contents, about_anchor = contents_with_about_section(headings + [topics_heading])
        context.update(
            headings=contents,
            topics_heading=topics_heading,
            about_anchor=about_anchor,
            topics=self.topics(request),
            references=references_in(self.body),
        )
        return context


class InformationPage(ReviewedPage, BasePage):
    """One topic about MRD, written for parents: summary, body, contents list, glossary links,
    related topics, and the sources and review dates at the end."""

    summary = models.TextField(
        max_length=300,
        help_text="One or two plain sentences: what a parent will learn here. Shown under the title, on "
        "cards linking here and in link previews.",
    )
    body = StreamField(InformationStreamBlock())

    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel(
            "related_pages",
            label="Related topic",
            heading="Related topics",
            help_text="Shown as cards at the end of the page. Leave empty to show the other pages in this section.",
        ),
        *ReviewedPage.review_panels,
        ReadingEasePanel(heading="Reading ease"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("body")]

    parent_page_types = ["information.TopicIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "information page"

    @cached_property
    def headings(self) -> list[dict[str, Any]]:
        return collect_headings(self.body)

    def references(self) -> list[dict[str, Any]]:
        return references_in(self.body)

    def related_topics(self, request: HttpRequest | None = None) -> list[dict[str, Any]]:
        """Chosen related pages in the editor's order, or else the live pages beside this one.
        A fixed few queries however many there are: the pages are fetched in bulk, with their
        order and liveness decided in the same query. The cards are plain data, a pure function
        of stored pages, so a live page's are cached under the content generation (any publish,
        move or deletion moves it on); a preview's are built afresh from the unsaved choices."""
        related = self.related_pages.get_queryset()
        if isinstance(related, FakeQuerySet) or getattr(request, "is_preview", False) or not self.pk:
            return summary_cards(self.related_pages_in_order(related), request)
        site = Site.find_for_request(request) if request is not None else None
        return caching.cached_fragment(
            "related-topics",
            (site.pk if site else None, self.pk),
            lambda: summary_cards(self.related_pages_in_order(related), request),
        )

    def related_pages_in_order(self, related: Any) -> list[Page]:
        if isinstance(related, FakeQuerySet):
            # A preview (or an unsaved page): the editor's choices are in memory, not yet saved.
            chosen_ids = [item.page_id for item in related if item.page_id]
            by_id = {
                page.pk: page for page in Page.objects.live().filter(pk__in=chosen_ids).defer_streamfields().specific()
            }
            pages = [by_id[pk] for pk in chosen_ids if pk in by_id]
        else:
            pages = list(
                Page.objects.live()
                .filter(linked_from_information_pages__source_page=self)
                .order_by("linked_from_information_pages__sort_order")
                .defer_streamfields()
                .specific()
            )
        if not pages and self.pk and self.depth:
            pages = list(self.get_siblings(inclusive=False).live().defer_streamfields().specific())
        return pages

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        contents, about_anchor = contents_with_about_section(self.headings)
        context.update(
            headings=contents,
            about_anchor=about_anchor,
            references=self.references(),
            related_topics=self.related_topics(request),
        )
        return context


class InformationPageRelatedPage(Orderable):
    source_page = ParentalKey(InformationPage, on_delete=models.CASCADE, related_name="related_pages")
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="linked_from_information_pages",
        help_text="A page families may want to read next.",
    )

    panels = [PageChooserPanel("page")]

    class Meta(Orderable.Meta):
        verbose_name = "related topic"


class GlossaryPage(ReviewedPage, BasePage):
    """The A–Z of every glossary term, each with its own anchor (#minimal-residual-disease),
    so information pages and shared links can point at one definition."""

    body = StreamField(
        InformationStreamBlock(),
        blank=True,
        help_text="An optional introduction above the A–Z, and the page's references.",
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        HelpPanel(
            content="The terms themselves are edited under Snippets → Glossary terms. They are listed here from A to Z."
        ),
        *ReviewedPage.review_panels,
    ]
    search_fields = BasePage.search_fields + [index.SearchField("body")]

    parent_page_types = ["information.TopicIndexPage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = "glossary page"

    def letters(self, terms: list[dict[str, Any]]) -> list[dict[str, Any]]:
        groups = {}
        for term in terms:
            first = term["term"][:1].upper()
            letter = first if first.isalpha() and first.isascii() else "#"
            groups.setdefault(letter, []).append(term)
        return [
            {
                "letter": letter,
                "anchor": f"letter-{letter.lower()}" if letter != "#" else "letter-other",
                "terms": items,
            }
            for letter, items in sorted(groups.items(), key=lambda item: (item[0] == "#", item[0]))
        ]

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        glossary = get_glossary(Site.find_for_request(request))
        headings = collect_headings(self.body)
        contents, about_anchor = contents_with_about_section(headings)
        context.update(
            letters=self.letters(glossary["terms"]),
            headings=contents,
            about_anchor=about_anchor,
            references=references_in(self.body),
        )
        return context
