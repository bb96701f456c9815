"""Events for tests: an index, types and regions, and events at chosen times (factory_boy;
make_* are the short forms, see mrdinfo/testing/factories.py)."""

from datetime import datetime, timedelta

import factory

from django.utils import timezone

from mrdinfo.testing.factories import PageFactory

from ..models import EventFormField, EventIndexPage, EventPage, EventRegion, EventType

TYPES = {"run": "Run", "trek": "Trek", "gala": "Gala", "virtual": "Virtual"}
REGIONS = {"london": "London", "wales": "Wales", "scotland": "Scotland", "online": "Anywhere (online)"}


def london(year, month, day, hour=0, minute=0):
    return timezone.make_aware(datetime(year, month, day, hour, minute))


def days_from_now_at_ten(days):
    day = timezone.localdate() + timedelta(days=days)
    return london(day.year, day.month, day.day, 10)


class EventIndexPageFactory(PageFactory):
    class Meta:
        model = EventIndexPage

    title = "Events"
    slug = "events"
    summary = "Find an event near you."


class EventTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventType
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Type {n}")
    slug = factory.LazyAttribute(lambda category: category.name.lower())


class EventRegionFactory(EventTypeFactory):
    class Meta:
        model = EventRegion
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Region {n}")


class EventPageFactory(PageFactory):
    """An event 10 days from now at 10:00 London time, three hours long, unless told otherwise."""

    class Meta:
        model = EventPage

    class Params:
        hours = 3

    summary = factory.LazyAttribute(lambda event: f"{event.title}: a sample event.")
    all_day = False
    start = factory.LazyFunction(lambda: days_from_now_at_ten(10))
    end = factory.LazyAttribute(lambda event: None if event.all_day else event.start + timedelta(hours=event.hours))
    venue = "Riverside Park"
    address = "Embankment Road\nLondon"
    postcode = "SW1A 2AA"


def make_event_index(parent, **fields):
    return EventIndexPageFactory(parent=parent, **fields)


def make_categories():
    types = {slug: EventTypeFactory(slug=slug, name=name) for slug, name in TYPES.items()}
    regions = {slug: EventRegionFactory(slug=slug, name=name) for slug, name in REGIONS.items()}
    return types, regions


def make_event(index, title, start=None, days_from_now=None, hours=3, publish=True, **fields):
    """An event starting at `start` (aware) or `days_from_now` days from now at 10:00 London time;
    publish=False leaves it a draft."""
    if start is None and days_from_now is not None:
        start = days_from_now_at_ten(days_from_now)
    if start is not None:
        fields["start"] = start
    form_fields = fields.pop("form_fields", None)
    if form_fields:
        fields["form_fields"] = [EventFormField(sort_order=i, **spec) for i, spec in enumerate(form_fields)]
    return EventPageFactory(parent=index, title=title, hours=hours, revision=publish, publish=publish, **fields)


REGISTRATION_QUESTIONS = [
    {"label": "Your name", "field_type": "singleline", "required": True},
    {"label": "Your email address", "field_type": "email", "required": True},
    {"label": "T-shirt size", "field_type": "dropdown", "required": True, "choices": "Small\nMedium\nLarge"},
]
