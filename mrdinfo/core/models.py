"""The ground floor: the base page every page type builds on, site-wide settings and menus.

Nothing here imports a domain app (home, information, events...): they import from here."""

from typing import Any

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from django.core.exceptions import ValidationError
from django.db import models

from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable, Page, PageViewRestriction
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from mrdinfo.core import caching

# Editors preview at the widths families read at: a phone first (most parents read on one, often
# in hospital), then a desktop. Used by BasePage and by previewable snippets (the explainer).
PREVIEW_SIZES = [
    {"name": "phone", "icon": "mobile-alt", "device_width": 390, "label": "Preview at phone width (390 px)"},
    {"name": "desktop", "icon": "desktop", "device_width": 1280, "label": "Preview at desktop width (1280 px)"},
]


class BasePage(Page):
    """Fields every public page has: a plain summary (cards, search results, link previews)
    and an optional share image (falls back to the site's default in SiteSettings)."""

    summary = models.TextField(
        max_length=300,
        blank=True,
        help_text="One or two plain sentences. Shown under the title, on cards linking here and "
        "in link previews when the page is shared.",
    )
    share_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown when a link to this page is shared (WhatsApp, Facebook, email). "
        "Cropped to 1200×630. Leave empty to use the site's default share image.",
    )

    search_fields = Page.search_fields + [index.SearchField("summary")]
    promote_panels = Page.promote_panels + [FieldPanel("share_image")]

    class Meta:
        abstract = True

    @property
    def preview_sizes(self) -> list[dict[str, Any]]:
        return PREVIEW_SIZES

    def get_meta_description(self) -> str:
        return self.search_description or self.summary

    def get_view_restrictions(self) -> Any:
        """Wagtail asks on every render (two queries); almost no page has a restriction. Whether
        this page has any is cached under the content generation, which saving or deleting a
        restriction (core/apps.py) or moving a page moves on; pages that have one, and unsaved
        pages, always ask the database."""
        if self.pk and self.path:
            restricted = caching.cached_fragment(
                "page-restricted",
                (self.pk, self.path),
                lambda: int(super(BasePage, self).get_view_restrictions().exists()),
            )
            if not restricted:
                return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


@register_snippet
class Menu(ClusterableModel):
    """A list of links edited in Wagtail (Snippets → Menus). The site settings choose which
    menu is the main menu and which is the footer menu."""

    name = models.CharField(max_length=100, unique=True, help_text="For editors, e.g. “Main menu”.")

    panels = [FieldPanel("name"), InlinePanel("items", label="Links", min_num=1)]
    content_natural_key = "name"  # content/site.yaml refers to menus by name

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class MenuItem(Orderable):
    menu = ParentalKey(Menu, on_delete=models.CASCADE, related_name="items")
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="A page on this site…",
    )
    link_url = models.URLField(blank=True, help_text="…or an address on another site.")
    label = models.CharField(max_length=60, blank=True, help_text="Link text. Leave empty to use the page's title.")

    panels = [FieldPanel("link_page"), FieldPanel("link_url"), FieldPanel("label")]

    def clean(self) -> None:
        super().clean()
        if bool(self.link_page_id) == bool(self.link_url):
            raise ValidationError("Choose a page or type an address, not both and not neither.")
        if self.link_url and not self.label:
            raise ValidationError({"label": "A link to another site needs link text."})

    def __str__(self) -> str:
        return self.label or (self.link_page.title if self.link_page_id else self.link_url)


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Charity details, menus and sharing defaults for one site (Settings → Site settings)."""

    charity_name = models.CharField(max_length=120, default="")
    charity_number = models.CharField("registered charity number (England and Wales)", max_length=40, blank=True)
    charity_number_scotland = models.CharField("registered charity number (Scotland)", max_length=40, blank=True)
    tagline = models.CharField(max_length=120, blank=True, help_text="A short line under the site name in the header.")
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    postal_address = models.TextField(blank=True)
    main_menu = models.ForeignKey(Menu, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    footer_menu = models.ForeignKey(Menu, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    contact_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    default_share_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Used in link previews for pages without their own share image.",
    )
    facebook_url = models.URLField("Facebook", blank=True)
    instagram_url = models.URLField("Instagram", blank=True)
    x_url = models.URLField("X (Twitter)", blank=True)
    youtube_url = models.URLField("YouTube", blank=True)
    linkedin_url = models.URLField("LinkedIn", blank=True)
    tiktok_url = models.URLField("TikTok", blank=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("charity_name"),
                FieldPanel("tagline"),
                FieldPanel("charity_number"),
                FieldPanel("charity_number_scotland"),
            ],
            heading="The charity",
        ),
        MultiFieldPanel(
            [FieldPanel("contact_email"), FieldPanel("contact_phone"), FieldPanel("postal_address")],
            heading="Contact details",
        ),
        MultiFieldPanel(
            [
                FieldPanel("main_menu"),
                FieldPanel("footer_menu"),
                FieldPanel("contact_page"),
                FieldPanel("privacy_page"),
                FieldPanel("accessibility_page"),
            ],
            heading="Menus and footer links",
        ),
        FieldPanel("default_share_image"),
        MultiFieldPanel(
            [
                FieldPanel("facebook_url"),
                FieldPanel("instagram_url"),
                FieldPanel("x_url"),
                FieldPanel("youtube_url"),
                FieldPanel("linkedin_url"),
                FieldPanel("tiktok_url"),
            ],
            heading="Social media",
        ),
    ]

    class Meta:
        verbose_name = "site settings"
        verbose_name_plural = "site settings"

    SOCIAL_FIELDS = ["facebook_url", "instagram_url", "x_url", "youtube_url", "linkedin_url", "tiktok_url"]

    def social_links(self) -> list[dict[str, str]]:
        return [
            {"name": str(self._meta.get_field(name).verbose_name), "url": getattr(self, name)}
            for name in self.SOCIAL_FIELDS
            if getattr(self, name)
        ]
