"""Events for tests: an index, types and regions, and events at chosen times (factory_boy,
see mrdinfo/testing/factories.py)."""

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

    @classmethod
    def create_all(cls):
        """The site's own categories of this kind (TYPES or REGIONS), by slug."""
        names = TYPES if cls._meta.model is EventType else REGIONS
        return {slug: cls(slug=slug, name=name) for slug, name in names.items()}


class EventRegionFactory(EventTypeFactory):
    class Meta:
        model = EventRegion
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Region {n}")


class EventPageFactory(PageFactory):
    """An event 10 days from now at 10:00 London time, three hours long, unless told otherwise:
    `start=` (aware) or `days_from_now=` (at 10:00 London time), `hours=`. `form_fields=` may be
    given as the editor's questions (dicts, e.g. REGISTRATION_QUESTIONS). `revision=False` saves
    it live with no revision (PageFactory)."""

    class Meta:
        model = EventPage

    class Params:
        hours = 3
        days_from_now = 10

    summary = factory.LazyAttribute(lambda event: f"{event.title}: a sample event.")
    all_day = False
    start = factory.LazyAttribute(lambda event: days_from_now_at_ten(event.days_from_now))
    end = factory.LazyAttribute(lambda event: None if event.all_day else event.start + timedelta(hours=event.hours))
    venue = "Riverside Park"
    address = "Embankment Road\nLondon"
    postcode = "SW1A 2AA"

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        questions = kwargs.get("form_fields")
        if questions and isinstance(questions[0], dict):
            kwargs["form_fields"] = [EventFormField(sort_order=i, **spec) for i, spec in enumerate(questions)]
        return kwargs

    @classmethod
    def create_numbered_batch(cls, size, **kwargs):
        """`size` events, "Event 000", "Event 001"..., a day apart from tomorrow."""
        return cls.create_batch(
            size,
            title=factory.Iterator([f"Event {number:03d}" for number in range(size)]),
            days_from_now=factory.Iterator(range(1, size + 1)),
            **kwargs,
        )


REGISTRATION_QUESTIONS = [
    {"label": "Your name", "field_type": "singleline", "required": True},
    {"label": "Your email address", "field_type": "email", "required": True},
    {"label": "T-shirt size", "field_type": "dropdown", "required": True, "choices": "Small\nMedium\nLarge"},
]
