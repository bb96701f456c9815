"""The events index's list: upcoming (or past), filtered by type, region and month, a page at a
time. Filter values come from the address bar, so anything may arrive: a value that is not one
of the choices is ignored (the list is simply not filtered by it) and a page number out of range
gives the nearest page. Nothing a visitor types reaches the database: values are matched against
the known choices in Python first."""

from dataclasses import dataclass
from datetime import date, datetime, time
from urllib.parse import urlencode

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.functional import cached_property

from wagtail.images import get_image_model

PER_PAGE = 10
MAX_PARAMETER_LENGTH = 40  # longer than any slug or month; junk is cut before it is looked at
CARD_IMAGE_SPEC = "fill-480x270"
CATEGORIES_CACHE_KEY = "events:categories:v1"


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


def category_choices():
    """Every event type and region, for the filters: cached, and cleared when an editor saves one
    (core/caching/, registered in signals.py), so the index does not ask the database for them on every visit."""
    from .models import EventRegion, EventType

    def read():
        return (
            [Choice(t.slug, t.name) for t in EventType.objects.order_by("name")],
            [Choice(r.slug, r.name) for r in EventRegion.objects.order_by("name")],
        )

    return cache.get_or_set(CATEGORIES_CACHE_KEY, read, timeout=None)


def upcoming_events(events):
    return events.filter(finishes_at__gt=timezone.now()).order_by("start", "pk")


def past_events(events):
    return events.filter(finishes_at__lte=timezone.now()).order_by("-start", "-pk")


def month_start(year, month):
    return timezone.make_aware(datetime.combine(date(year, month, 1), time()))


def parse_month(text):
    """(year, month) from `2026-11`, or None for anything else (`2026-13`, junk)."""
    parts = text.split("-")
    if len(parts) != 2 or not all(part.isascii() and part.isdigit() for part in parts):
        return None
    year, month = int(parts[0]), int(parts[1])
    if not (1 <= month <= 12 and 2000 <= year <= 2100):
        return None
    return year, month


def clean_parameter(query, name):
    value = query.get(name, "")
    return value.strip()[:MAX_PARAMETER_LENGTH] if isinstance(value, str) else ""


class Listing:
    def __init__(self, events, query, past=False, index_url="/events/"):
        self.past = past
        self.index_url = index_url
        self.base = past_events(events) if past else upcoming_events(events)
        self.types, self.regions = category_choices()
        self.months = self.month_choices()

        self.chosen_type = self.pick(query, "type", self.types)
        self.chosen_region = self.pick(query, "region", self.regions)
        self.chosen_month = self.pick(query, "month", self.months)
        # Values that were sent but are not choices: the page says they were ignored.
        self.ignored = [
            name
            for name, chosen in (
                ("type", self.chosen_type),
                ("region", self.chosen_region),
                ("month", self.chosen_month),
            )
            if clean_parameter(query, name) and chosen is None
        ]

        events = self.base
        if self.chosen_type:
            events = events.filter(event_type__slug=self.chosen_type.value)
        if self.chosen_region:
            events = events.filter(region__slug=self.chosen_region.value)
        if self.chosen_month:
            year, month = parse_month(self.chosen_month.value)
            following = (year + month // 12, month % 12 + 1)
            events = events.filter(start__gte=month_start(year, month), start__lt=month_start(*following))
        # Type, region and picture in the same query as the events; the cards' renditions in one more.
        renditions = get_image_model().get_rendition_model().objects.filter(filter_spec=CARD_IMAGE_SPEC)
        events = events.select_related("event_type", "region", "image").prefetch_related(
            Prefetch("image__renditions", queryset=renditions)
        )
        paginator = Paginator(events, PER_PAGE)
        self.page = paginator.get_page(self.page_number(query, paginator))
        self.count = paginator.count

    def month_choices(self):
        months = self.base.datetimes("start", "month", order="DESC" if self.past else "ASC")
        return [Choice(f"{m:%Y-%m}", f"{m:%B %Y}") for m in months]

    @staticmethod
    def pick(query, name, choices):
        value = clean_parameter(query, name)
        return next((choice for choice in choices if choice.value == value), None) if value else None

    @staticmethod
    def page_number(query, paginator):
        text = clean_parameter(query, "page")
        number = int(text) if text.isascii() and text.lstrip("-").isdigit() else 1
        return min(max(number, 1), paginator.num_pages)

    @property
    def is_filtered(self):
        return bool(self.chosen_type or self.chosen_region or self.chosen_month)

    @cached_property
    def filter_query(self):
        """The chosen filters as a query string, kept on the page links."""
        pairs = [
            (name, chosen.value)
            for name, chosen in (
                ("type", self.chosen_type),
                ("region", self.chosen_region),
                ("month", self.chosen_month),
            )
            if chosen
        ]
        return urlencode(pairs)

    def page_url(self, number):
        query = self.filter_query
        query = f"{query}&page={number}" if query else f"page={number}"
        return f"?{query}"

    @property
    def previous_url(self):
        return self.page_url(self.page.previous_page_number()) if self.page.has_previous() else None

    @property
    def next_url(self):
        return self.page_url(self.page.next_page_number()) if self.page.has_next() else None

    @property
    def summary(self):
        """What the result heading says (announced to screen readers)."""
        noun = "past event" if self.past else "upcoming event"
        count = self.count
        text = f"{count} {noun}{'' if count == 1 else 's'}"
        if self.is_filtered:
            text += " match your choices" if count != 1 else " matches your choices"
        if self.page.paginator.num_pages > 1:
            text += f" (page {self.page.number} of {self.page.paginator.num_pages})"
        return text
