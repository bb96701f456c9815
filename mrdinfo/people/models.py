"""People the charity presents on its pages (ambassadors): a Person snippet with a photo, a role
and a short bio, and PeoplePage, which lists the people an editor chooses, in their order."""

import hashlib
from typing import Any

from modelcluster.fields import ParentalKey

from django.db import models
from django.http import HttpRequest

from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from mrdinfo.core.models import BasePage
from mrdinfo.core.pages.blocks import BaseStreamBlock

PHOTO_FILTER = "fill-240x240|format-jpeg|jpegquality-75"


@register_snippet
class Person(models.Model):
    name = models.CharField(
        max_length=100,
        blank=True,
        help_text="Only with the person's written consent. Leave empty to show the role only.",
    )
    role = models.CharField(max_length=100, unique=True, help_text="e.g. “Parent ambassador”.")
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Give it alt text in the image library that says who or what it shows.",
    )
    bio = models.TextField(max_length=600, help_text="A few short, plain sentences in the charity's words.")
    loaded_digest = models.CharField(max_length=64, blank=True, editable=False)

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("photo"), FieldPanel("bio")]
    content_natural_key = "role"  # content files and pages refer to a person by role

    class Meta:
        ordering = ["role"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return f"{self.name} ({self.role})" if self.name else self.role

    def content_values(self) -> tuple[Any, ...]:
        return (self.name, self.role, self.photo_id, self.bio)

    def values_digest(self) -> str:
        return hashlib.sha256(repr(self.content_values()).encode()).hexdigest()

    def edited_since_loaded(self) -> bool:
        return self.loaded_digest != self.values_digest()

    def mark_loaded(self) -> None:
        self.loaded_digest = self.values_digest()


class PeoplePage(BasePage):
    """A page that introduces people, e.g. “Our ambassadors”: an introduction, then each person."""

    body = StreamField(BaseStreamBlock(), blank=True, help_text="An introduction above the list of people.")

    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("people", label="People, in order"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("body")]

    parent_page_types = ["general.GeneralPage", "home.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "people page"

    def listed_people(self) -> list[dict[str, Any]]:
        """The chosen people in order, with photos' renditions fetched in bulk (fixed queries)."""
        from django.db.models import prefetch_related_objects

        entries = list(self.people.select_related("person__photo").order_by("sort_order", "pk"))
        photos = [entry.person.photo for entry in entries if entry.person.photo_id]
        if photos:
            prefetch_related_objects(photos, "renditions")
        return [
            {
                "person": entry.person,
                "photo": entry.person.photo.get_rendition(PHOTO_FILTER) if entry.person.photo_id else None,
            }
            for entry in entries
        ]

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["people"] = self.listed_people()
        return context


class PeoplePagePerson(Orderable):
    page = ParentalKey(PeoplePage, on_delete=models.CASCADE, related_name="people")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("person")]
