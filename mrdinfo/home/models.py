from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from mrdinfo.core.models import BasePage
from mrdinfo.core.pages.blocks import BaseStreamBlock
from mrdinfo.core.pages.routing import DirectRoutingMixin
from mrdinfo.explainer.blocks import ExplainerBlock
from mrdinfo.promotions.blocks import PromoCardsBlock


class HomeStreamBlock(BaseStreamBlock):
    """The home page's blocks. Domain apps' blocks (the explainer) join here as they arrive."""

    explainer = ExplainerBlock()
    promo_cards = PromoCardsBlock()


class HomePage(DirectRoutingMixin, BasePage):
    """The site's front page: what MRD is in two sentences, then paths into the site."""

    hero_heading = models.CharField(
        max_length=120,
        help_text="The big heading at the top, e.g. “Understanding MRD in childhood leukaemia”.",
    )
    hero_text = models.TextField(max_length=400, help_text="Two short sentences that say what MRD is, in plain words.")
    body = StreamField(HomeStreamBlock(), blank=True)

    content_panels = BasePage.content_panels + [
        FieldPanel("hero_heading"),
        FieldPanel("hero_text"),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("hero_text"),
        index.SearchField("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = "home page"
