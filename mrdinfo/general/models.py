from typing import Any

from django.http import HttpRequest

from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from mrdinfo.core.models import BasePage
from mrdinfo.core.pages.blocks import BaseStreamBlock, RetentionTableBlock
from mrdinfo.core.pages.headings import collect_headings

from .blocks import RetentionPeriodBlock


class GeneralStreamBlock(BaseStreamBlock):
    """The shared blocks, and the privacy notice's table of personal data and its "How long we
    keep it" lines (both from the register)."""

    retention_table = RetentionTableBlock()
    retention_period = RetentionPeriodBlock()


class GeneralPage(BasePage):
    """About, privacy notice, accessibility statement, contact and other pages that are
    neither medical information nor fundraising."""

    body = StreamField(GeneralStreamBlock())

    content_panels = BasePage.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]

    parent_page_types = ["home.HomePage", "general.GeneralPage"]
    subpage_types = ["general.GeneralPage", "forms.FormPage", "people.PeoplePage"]

    class Meta:
        verbose_name = "general page"

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["headings"] = [h for h in collect_headings(self.body) if h["level"] == 2]
        return context
