"""Places at an event: a limit staff set, kept however many people register at once, with a
waiting list once it is full (or an honest "full" when the event has no waiting list).

Each registration stored on the site (a Wagtail FormSubmission) gets a Place, confirmed or on
the waiting list. Deciding which takes a row lock on the event (SELECT … FOR UPDATE on
PostgreSQL; SQLite runs one writer at a time anyway), so two people sending the form for the
last place at the same moment get one place and one waiting-list entry, never two places.
A registration for an event with a limit clears the page caches, which show the places left."""

from typing import Any

from django import forms
from django.db import models, transaction
from django.utils import timezone

from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.contrib.forms.models import FormSubmission

from mrdinfo.core import caching


class EventFull(Exception):
    """Every place has gone and the event keeps no waiting list: nothing was stored."""


class Place(models.Model):
    """One registration's place: confirmed, or on the waiting list (first come, first served)."""

    CONFIRMED, WAITING = "confirmed", "waiting"
    STATUS_CHOICES = [(CONFIRMED, "Place confirmed"), (WAITING, "On the waiting list")]

    submission = models.OneToOneField(FormSubmission, on_delete=models.CASCADE, related_name="event_place")
    event = models.ForeignKey("events.EventPage", on_delete=models.CASCADE, related_name="registration_places")
    status = models.CharField(max_length=10, choices=STATUS_CHOICES, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = "event place"

    def __str__(self) -> str:
        return f"{self.get_status_display()} ({self.event_id})"


class EventPlacesMixin(models.Model):
    """What an event page needs to limit its places (mixed into EventPage)."""

    places = models.PositiveIntegerField(
        "number of places",
        null=True,
        blank=True,
        help_text="How many people can register on this site. Leave empty for no limit.",
    )
    waiting_list = models.BooleanField(
        "keep a waiting list when full",
        default=True,
        help_text="When every place has gone, people can still register and are told they are on the "
        "waiting list. Untick to say “Full” and take no more.",
    )

    places_panel = FieldRowPanel([FieldPanel("places"), FieldPanel("waiting_list")], heading="Places")

    class Meta:
        abstract = True

    # What the last process_form_submission decided (for the thank-you page of that request).
    last_place_status: str = ""

    def confirmed_places(self) -> int:
        return Place.objects.filter(event_id=self.pk, status=Place.CONFIRMED).count()

    def waiting_count(self) -> int:
        return Place.objects.filter(event_id=self.pk, status=Place.WAITING).count()

    @property
    def places_left(self) -> int | None:
        """Places still free, or None when there is no limit."""
        if self.places is None:
            return None
        return max(self.places - self.confirmed_places(), 0)

    @property
    def is_full(self) -> bool:
        return self.places is not None and self.places_left == 0

    @property
    def full_and_closed(self) -> bool:
        """Full with no waiting list: nobody else can register."""
        return self.is_full and not self.waiting_list

    def process_form_submission(self, form: forms.Form) -> FormSubmission:
        with transaction.atomic():
            # Lock this event's row until the transaction ends, then read its limit afresh (staff
            # may have changed it): every registration for the event takes its turn here.
            limit: Any = (
                type(self)
                ._default_manager.select_for_update(of=("self",))
                .filter(pk=self.pk)
                .values_list("places", "waiting_list")
                .get()
            )
            places, waiting_list = limit
            status = Place.CONFIRMED
            if places is not None and self.confirmed_places() >= places:
                if not waiting_list:
                    raise EventFull
                status = Place.WAITING
            submission = super().process_form_submission(form)  # type: ignore[misc]  # the form mixins
            Place.objects.create(submission=submission, event_id=self.pk, status=status)
            if places is not None:
                # "3 places left" / "Full" is on the cached event page and listings: clear them
                # (after the commit). Events with no limit show no count, so they cost nothing.
                caching.content_changed()
        self.last_place_status = status
        return submission
