"""News and media centre: NewsIndexPage (/news/, a paginated list and an Atom feed) and NewsPage.

The index lists its live news pages newest first, in a fixed number of queries however many
there are (one page of items, their categories and images' renditions in bulk)."""

from typing import Any

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.query import PageQuerySet
from wagtail.search import index

from mrdinfo.core.models import BasePage
from mrdinfo.core.pages.blocks import BaseStreamBlock

from .blocks import MediaEnquiriesBlock, NewsStreamBlock

NEWS_PER_PAGE = 10
THUMBNAIL_FILTER = "fill-320x180|format-jpeg|jpegquality-75"

CATEGORIES = [
    ("charity-news", "Charity news"),
    ("fundraising", "Fundraising"),
    ("events", "Events"),
    ("research", "Research"),
    ("press-release", "Press release"),
]


def page_number(raw: object, num_pages: int) -> int:
    """The page a visitor asked for, as the nearest page there is: junk gives the first page,
    a number past the end gives the last. Never an error."""
    try:
        number = int(str(raw).strip()[:12])
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), max(num_pages, 1))


class NewsIndexPage(RoutablePageMixin, BasePage):
    """The news and media centre: newest news first, ten to a page, with the press office's
    contact and an Atom feed at feed/."""

    intro = StreamField(BaseStreamBlock(), blank=True, help_text="A short introduction above the list.")
    media_enquiries = StreamField(
        [("media_enquiries", MediaEnquiriesBlock())],
        blank=True,
        max_num=1,
        help_text="The press office's contact, shown beside the list.",
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("intro"),
        FieldPanel("media_enquiries"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count = 1

    class Meta:
        verbose_name = "news index (media centre)"

    def news_items(self) -> PageQuerySet:
        return (
            NewsPage.objects.live()
            .public()
            .child_of(self)
            .defer_streamfields()
            .select_related("image")
            .order_by("-date", "-first_published_at", "-pk")
        )

    def paginated_news(self, request: HttpRequest) -> PaginatorPage:
        paginator = Paginator(self.news_items(), NEWS_PER_PAGE)
        page = paginator.page(page_number(request.GET.get("page"), paginator.num_pages))
        # One query for every item's image renditions, however many items.
        from django.db.models import prefetch_related_objects

        images = [item.image for item in page.object_list if item.image_id]
        if images:
            prefetch_related_objects(images, "renditions")
        return page

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        news = self.paginated_news(request)
        context["news"] = news
        context["items"] = [
            {
                "page": item,
                "url": item.get_url(request),
                "thumbnail": item.image.get_rendition(THUMBNAIL_FILTER) if item.image_id else None,
            }
            for item in news.object_list
        ]
        return context

    @path("")
    def index_route(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        return self.serve(request, *args, **kwargs)

    @path("feed/", name="feed")
    def feed(self, request: HttpRequest) -> HttpResponse:
        from .feeds import NewsFeed

        return NewsFeed()(request, index_page=self)


class NewsPage(BasePage):
    """One piece of charity news. Medical news must say which trial or study it is about, so old
    news is not read as today's treatment."""

    date = models.DateField("news date", default=timezone.localdate, help_text="Shown on the page and in lists.")
    category = models.CharField(max_length=20, choices=CATEGORIES, default="charity-news")
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional. Give it alt text in the image library.",
    )
    body = StreamField(NewsStreamBlock())

    content_panels = BasePage.content_panels + [
        FieldPanel("date"),
        FieldPanel("category"),
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("body"), index.FilterField("date")]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "news page"
