"""An event's questions and answers, shown on its page and edited inline with it."""

from modelcluster.fields import ParentalKey

from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from mrdinfo.core.pages.blocks import RICH_TEXT_FEATURES


class EventFAQ(Orderable):
    page = ParentalKey("events.EventPage", on_delete=models.CASCADE, related_name="faqs")
    question = models.CharField(max_length=200)
    answer = RichTextField(features=RICH_TEXT_FEATURES)

    panels = [FieldPanel("question"), FieldPanel("answer")]
