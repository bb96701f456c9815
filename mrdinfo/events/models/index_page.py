"""EventIndexPage: /events/ (upcoming events by date, filters, pages of results), /events/past/
and /events/calendar-feed/ (every upcoming event as one .ics feed)."""

from django.http import HttpRequest, HttpResponse

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.query import PageQuerySet

from mrdinfo.core.models import BasePage, SiteSettings
from mrdinfo.core.pages.blocks import RICH_TEXT_FEATURES

from .. import calendar, listing
from .event_page import EventPage


class EventIndexPage(RoutablePageMixin, BasePage):
    """/events/: upcoming events by date, filters, pages of results, /events/past/ and a feed."""

    intro = RichTextField(features=RICH_TEXT_FEATURES, blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("summary"), FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count = 1

    class Meta:
        verbose_name = "event index page"

    def events(self) -> PageQuerySet:
        return EventPage.objects.live().descendant_of(self)

    @path("")
    def upcoming(self, request: HttpRequest) -> HttpResponse:
        return self.render_listing(request, past=False)

    @path("past/")
    def past(self, request: HttpRequest) -> HttpResponse:
        return self.render_listing(request, past=True)

    # Wagtail serves only addresses of words and slashes, so no ".ics" here: the file name comes
    # from Content-Disposition, and calendar apps go by the text/calendar type.
    @path("calendar-feed/")
    def feed(self, request: HttpRequest) -> HttpResponse:
        events = listing.upcoming_events(self.events()).select_related("event_type", "region")
        charity = SiteSettings.for_request(request).charity_name
        body = calendar.feed(events, request, name=f"{charity}: {self.title}".strip(": "))
        return calendar.response(body, "upcoming-events.ics", inline=True)

    def render_listing(self, request: HttpRequest, past: bool) -> HttpResponse:
        results = listing.Listing(self.events(), request.GET, past=past, index_url=self.url)
        return self.render(
            request,
            context_overrides={"listing": results, "past": past},
            template="events/event_index_page.html",
        )
