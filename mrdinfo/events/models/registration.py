"""The questions of an event's registration form on this site (its answers are stored as form
submissions by the forms app, and each gets a Place: see ../places.py)."""

from modelcluster.fields import ParentalKey

from django.db import models

from wagtail.contrib.forms.models import AbstractFormField

from .event_page import EventPage


class EventFormField(AbstractFormField):
    """A question on an event's registration form (name, email, T-shirt size…)."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="form_fields")
