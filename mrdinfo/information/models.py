"""Understanding MRD: the topic hub, information pages, the glossary and review metadata.

- TopicIndexPage: the hub (/understanding-mrd/), under the home page.
- InformationPage: one plain-language topic, only under a hub.
- GlossaryPage: the A–Z of glossary terms, under a hub, at most one per hub.
- GlossaryTerm: a snippet; information pages link the first use of each term (glossary.py).

Every page here carries review metadata (who reviewed it, when, when it is next due), shown on
the page itself, because parents need to know how current medical information is."""

import hashlib
from collections.abc import Iterable
from typing import Any

from modelcluster.fields import ParentalKey
from modelcluster.queryset import FakeQuerySet

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
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

from .blocks import InformationStreamBlock, reference_anchor
from .glossary import get_glossary, term_slug
from .panels import ReadingEasePanel
from .review import ReviewedPage

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


class GlossaryTerm(models.Model):
    """A word families meet in hospital, with a plain definition (Snippets → Glossary terms)."""

    term = models.CharField(max_length=80, unique=True, help_text="As it is usually written, e.g. “Remission”.")
    slug = models.SlugField(
        "link name",
        max_length=80,
        unique=True,
        blank=True,
        help_text="The #part of a link to this term on the glossary page. Made from the term if left empty; "
        "keep it when rewording the term, so shared links keep working.",
    )
    definition = models.TextField(
        max_length=300,
        # A TextField's max_length only sizes the admin's box; the validator holds files to it too.
        validators=[MaxLengthValidator(300)],
        help_text="One or two short, plain sentences. Shown where the term is first used, and in the glossary.",
    )
    other_names = models.CharField(
        max_length=255,
        blank=True,
        help_text="Other words for the same thing, separated by commas, e.g. “MRD” for minimal residual "
        "disease. Names in capitals (abbreviations) are only matched in capitals.",
    )

    # What the content loader last wrote (a digest of term, definition and other names), so a later
    # load can tell an editor's change in Wagtail from its own and leave the editor's alone.
    loaded_digest = models.CharField(max_length=64, blank=True, editable=False)

    panels = [FieldPanel("term"), FieldPanel("definition"), FieldPanel("other_names"), FieldPanel("slug")]
    content_natural_key = "term"

    class Meta:
        ordering = ["term"]
        verbose_name = "glossary term"

    def __str__(self) -> str:
        return self.term

    def other_names_list(self) -> list[str]:
        return [name.strip() for name in self.other_names.split(",") if name.strip()]

    def names(self) -> list[str]:
        return [self.term.strip()] + self.other_names_list()

    def content_values(self) -> dict[str, str]:
        return {"term": self.term, "definition": self.definition, "other_names": self.other_names}

    def values_digest(self) -> str:
        text = "\x1f".join(self.content_values()[key] for key in ("term", "definition", "other_names"))
        return hashlib.sha256(text.encode()).hexdigest()

    def edited_since_loaded(self) -> bool:
        # A term the loader never wrote (no digest) was made by an editor: also theirs.
        return self.loaded_digest != self.values_digest()

    def mark_loaded(self) -> None:
        self.loaded_digest = self.values_digest()

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.slug:
            self.slug = term_slug(self.term)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        if not self.slug:
            self.slug = term_slug(self.term)
        self.other_names = ", ".join(self.other_names_list())
        # Each name may belong to one term only, or the glossary could not tell which one a word means.
        mine = {name.casefold(): name for name in self.names()}
        for other in GlossaryTerm.objects.exclude(pk=self.pk):
            clash = sorted(set(mine) & {name.casefold() for name in other.names()})
            if clash:
                raise ValidationError(
                    {
                        "other_names" if clash[0] != self.term.casefold() else "term": f"“{mine[clash[0]]}” is already "
                        f"used by the glossary term “{other.term}”."
                    }
                )
        if GlossaryTerm.objects.exclude(pk=self.pk).filter(slug=self.slug).exists():
            raise ValidationError({"slug": f"Another term already uses the link name “{self.slug}”."})
