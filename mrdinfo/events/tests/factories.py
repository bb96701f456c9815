"""Build events for tests: an index, types and regions, and events at chosen times."""

from datetime import datetime, timedelta

from django.utils import timezone

from ..models import EventFormField, EventIndexPage, EventPage, EventRegion, EventType

TYPES = {"run": "Run", "trek": "Trek", "gala": "Gala", "virtual": "Virtual"}
REGIONS = {"london": "London", "wales": "Wales", "scotland": "Scotland", "online": "Anywhere (online)"}


def make_event_index(parent, **fields):
    index = EventIndexPage(
        title="Events", slug="events", summary=fields.pop("summary", "Find an event near you."), **fields
    )
    parent.add_child(instance=index)
    index.save_revision().publish()
    return index


def make_categories():
    types = {
        slug: EventType.objects.get_or_create(slug=slug, defaults={"name": name})[0] for slug, name in TYPES.items()
    }
    regions = {
        slug: EventRegion.objects.get_or_create(slug=slug, defaults={"name": name})[0] for slug, name in REGIONS.items()
    }
    return types, regions


def london(year, month, day, hour=0, minute=0):
    return timezone.make_aware(datetime(year, month, day, hour, minute))


def make_event(index, title, start=None, days_from_now=None, hours=3, publish=True, **fields):
    """An event starting at `start` (aware) or `days_from_now` days from now at 10:00 London time."""
    if start is None:
        day = timezone.localdate() + timedelta(days=days_from_now if days_from_now is not None else 10)
        start = london(day.year, day.month, day.day, 10)
    values = {
        "title": title,
        "summary": f"{title}: a sample event.",
        "start": start,
        "end": None if fields.get("all_day") else start + timedelta(hours=hours),
        "venue": "Riverside Park",
        "address": "Embankment Road\nLondon",
        "postcode": "SW1A 2AA",
    }
    values.update(fields)
    form_fields = values.pop("form_fields", None)
    event = EventPage(**values)
    if form_fields:
        event.form_fields = [EventFormField(sort_order=i, **spec) for i, spec in enumerate(form_fields)]
    index.add_child(instance=event)
    if publish:
        event.save_revision().publish()
    return event


REGISTRATION_QUESTIONS = [
    {"label": "Your name", "field_type": "singleline", "required": True},
    {"label": "Your email address", "field_type": "email", "required": True},
    {"label": "T-shirt size", "field_type": "dropdown", "required": True, "choices": "Small\nMedium\nLarge"},
]


def make_image(title="A test picture", colour=(0, 90, 112), size=(320, 180)):
    """A small real image (Pillow, in memory) as a Wagtail image with alt text."""
    from io import BytesIO

    from django.core.files.images import ImageFile
    from PIL import Image as PillowImage
    from wagtail.images import get_image_model

    buffer = BytesIO()
    PillowImage.new("RGB", size, colour).save(buffer, format="JPEG")
    image = get_image_model()(title=title, description=f"{title} (alt text)")
    image.file = ImageFile(buffer, name="test.jpg")
    image.save()
    return image
