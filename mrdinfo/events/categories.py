"""The words events are described and filtered by: types and regions (snippets editors manage),
an event's status and how people attend."""

from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet


class EventCategory(models.Model):
    """A word editors choose from to describe events; visitors filter by it."""

    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(
        max_length=60, unique=True, help_text="Used in the address when visitors filter, e.g. ?type=run."
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]
    content_natural_key = "name"  # content files name types and regions

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


@register_snippet
class EventType(EventCategory):
    """Run, trek, cycle, challenge, gala, community, virtual… (Snippets → Event types)."""

    class Meta(EventCategory.Meta):
        verbose_name = "event type"


@register_snippet
class EventRegion(EventCategory):
    """Where in the UK (or online) an event is (Snippets → Event regions)."""

    class Meta(EventCategory.Meta):
        verbose_name = "event region"


class EventStatus(models.TextChoices):
    OPEN = "open", "Open for registration"
    BALLOT = "ballot", "Ballot"
    FEW_PLACES = "few_places", "Few places left"
    SOLD_OUT = "sold_out", "Sold out"
    CANCELLED = "cancelled", "Cancelled"
    POSTPONED = "postponed", "Postponed"


class Attendance(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    ONLINE = "online", "Online"
    MIXED = "mixed", "In person and online"
