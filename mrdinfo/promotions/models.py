"""Promotional cards: a title, a line of text, a link and an image, like the "Read more" row at the
end of the charity's pages. Editors make cards once (Snippets → Promotional cards) and arrange
them into named sets (Snippets → Card sets), choosing which cards and in what order. A set is
placed on the home page with a block, and at the end of every information page by a site
setting (Settings → Promotional cards).

Links may be a page (survives moves and renames) or an address: another site, or a path on this
site such as /events/ for a section that is not a page yet."""

import hashlib
from typing import TYPE_CHECKING, Any

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models

from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable
from wagtail.snippets.models import register_snippet


def validate_link_address(value: str) -> None:
    """An address on another site (https://…) or a path on this one (/events/)."""
    if value.startswith("/") and not value.startswith("//"):
        if any(character.isspace() for character in value):
            raise ValidationError("A path on this site cannot contain spaces.")
        return
    URLValidator(schemes=["http", "https"])(value)


class LoadedDigestMixin(models.Model):
    """Remembers what `load_content` last wrote, so an editor's later change is recognised and
    kept (the loader's rule: editors' work wins)."""

    loaded_digest = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        abstract = True

    if TYPE_CHECKING:

        def content_values(self) -> tuple[Any, ...]: ...  # each model says what a file sets

    def values_digest(self) -> str:
        return hashlib.sha256(repr(self.content_values()).encode()).hexdigest()

    def edited_since_loaded(self) -> bool:
        return self.loaded_digest != self.values_digest()

    def mark_loaded(self) -> None:
        self.loaded_digest = self.values_digest()


@register_snippet
class PromoCard(LoadedDigestMixin, models.Model):
    title = models.CharField(max_length=80, unique=True, help_text="Short, and says where the card leads.")
    text = models.TextField(max_length=200, blank=True, help_text="One plain sentence.")
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A page on this site (best: the link follows the page if it moves)…",
    )
    link_url = models.CharField(
        "or an address",
        max_length=255,
        blank=True,
        validators=[validate_link_address],
        help_text="…or an address: https://… on another site, or a path on this site such as /events/.",
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional. Shown small above the title; it is decorative, so the title must say it all.",
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("text"),
        FieldPanel("link_page"),
        FieldPanel("link_url"),
        FieldPanel("image"),
    ]
    content_natural_key = "title"

    class Meta:
        ordering = ["title"]
        verbose_name = "promotional card"

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if bool(self.link_page_id) == bool(self.link_url):
            raise ValidationError("Choose a page or type an address, not both and not neither.")

    def content_values(self) -> tuple[Any, ...]:
        return (self.title, self.text, self.link_page_id, self.link_url, self.image_id)


@register_snippet
class PromoCardSet(LoadedDigestMixin, ClusterableModel):
    name = models.CharField(max_length=80, unique=True, help_text="For editors, e.g. “Read more” or “I want to help”.")
    heading = models.CharField(max_length=80, help_text="Shown above the cards, e.g. “Read more”.")

    panels = [FieldPanel("name"), FieldPanel("heading"), InlinePanel("items", label="Cards, in order", min_num=1)]
    content_natural_key = "name"

    class Meta:
        ordering = ["name"]
        verbose_name = "card set"

    def __str__(self) -> str:
        return self.name

    def content_values(self) -> tuple[Any, ...]:
        return (self.name, self.heading, tuple(item.card_id for item in self.items.all()))


class PromoCardSetItem(Orderable):
    card_set = ParentalKey(PromoCardSet, on_delete=models.CASCADE, related_name="items")
    card = models.ForeignKey(PromoCard, on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("card")]

    def __str__(self) -> str:
        return str(self.card)


@register_setting(icon="grip")
class PromoSettings(BaseSiteSetting):
    end_of_information_pages = models.ForeignKey(
        PromoCardSet,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The cards shown at the end of every information page. Leave empty for none.",
    )

    panels = [FieldPanel("end_of_information_pages")]

    class Meta:
        verbose_name = "promotional cards"
