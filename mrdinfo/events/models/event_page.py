"""EventPage: one event. Its dates (stored aware, shown in Europe/London), status, where it is,
taking part, registration (a link to another site, or a form here with limited places) and its
routes: the page, register/ and calendar/ (an .ics file)."""

from datetime import datetime, time, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import cached_property

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import EmailFormMixin, FormMixin
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.search import index

from mrdinfo.core.models import BasePage
from mrdinfo.core.pages.blocks import RICH_TEXT_FEATURES, BaseStreamBlock
from mrdinfo.forms.models import StoredFormMixin

from .. import calendar, display
from ..admin_form import EventPageForm
from ..categories import Attendance, EventRegion, EventStatus, EventType
from ..places import EventFull, EventPlacesMixin, Place
from ..structured_data import event_json_ld


class EventPage(RoutablePageMixin, EventPlacesMixin, StoredFormMixin, EmailFormMixin, FormMixin, BasePage):
    """One event. Start and end are stored aware and shown in Europe/London."""

    # Required in the editor (blank=False); nullable only so a page can exist as an empty draft
    # (load_content creates every page before it fills in fields that refer to other pages).
    start = models.DateTimeField(
        null=True,
        help_text="Date and time it starts (UK time). For an all-day event, the first day.",
    )
    end = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When it ends (UK time). For an all-day event, the last day. Leave empty for a single time.",
    )
    all_day = models.BooleanField(default=False, help_text="Show dates only, no times (e.g. a weekend trek).")
    status = models.CharField(max_length=20, choices=EventStatus.choices, default=EventStatus.OPEN)
    previous_start = models.DateTimeField(
        null=True,
        blank=True,
        help_text="If the event is postponed: the date it was going to start. Put the new date in “start”.",
    )
    event_type = models.ForeignKey(EventType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    region = models.ForeignKey(EventRegion, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    attendance = models.CharField(max_length=20, choices=Attendance.choices, default=Attendance.IN_PERSON)
    venue = models.CharField(max_length=120, blank=True, help_text="e.g. “Hyde Park”.")
    address = models.TextField(blank=True, help_text="Street and town, one part a line.")
    postcode = models.CharField(max_length=10, blank=True)
    online_url = models.URLField(blank=True, help_text="For online events: where people join (if it is public).")
    image = models.ForeignKey("wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    what_you_get = RichTextField(
        "what participants get", features=RICH_TEXT_FEATURES, blank=True, help_text="e.g. a T-shirt, a medal…"
    )
    entry_fee = models.DecimalField(
        max_digits=7, decimal_places=2, null=True, blank=True, help_text="In pounds. Leave empty if it is free."
    )
    fundraising_target = models.DecimalField(
        "minimum sponsorship",
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="In pounds: the least each person is asked to raise. Leave empty if there is none.",
    )
    body = StreamField(BaseStreamBlock(), blank=True)
    registration_url = models.URLField(
        blank=True,
        help_text="If people sign up on another site, its address. Otherwise add questions below for a form here.",
    )
    thank_you_text = RichTextField(
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text="Shown after someone registers on this site. Say what happens next and how soon.",
    )
    # Worked out on save from start, end and all_day: when the event is over, so "upcoming" and
    # "past" are one indexed comparison.
    finishes_at = models.DateTimeField(null=True, editable=False, db_index=True)

    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("all_day"),
                FieldPanel("status"),
                FieldPanel("previous_start"),
            ],
            heading="When",
        ),
        MultiFieldPanel([FieldPanel("event_type"), FieldPanel("region")], heading="Type and region"),
        MultiFieldPanel(
            [
                FieldPanel("attendance"),
                FieldPanel("venue"),
                FieldPanel("address"),
                FieldPanel("postcode"),
                FieldPanel("online_url"),
            ],
            heading="Where",
        ),
        FieldPanel("image"),
        MultiFieldPanel(
            [FieldPanel("entry_fee"), FieldPanel("fundraising_target"), FieldPanel("what_you_get")],
            heading="Taking part",
        ),
        FieldPanel("body"),
        InlinePanel("faqs", label="Questions and answers"),
        MultiFieldPanel(
            [
                FieldPanel("registration_url"),
                EventPlacesMixin.places_panel,
                InlinePanel("form_fields", label="Registration questions"),
                FieldPanel("thank_you_text"),
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading="Registration (a link to another site, or questions for a form here; entries are under Forms)",
        ),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("body"), index.SearchField("venue")]
    base_form_class = EventPageForm  # a type and a region before publishing

    parent_page_types = ["events.EventIndexPage"]
    subpage_types: list[str] = []
    # A page, not a form: Wagtail's form mixin would offer "form" and "landing" previews instead.
    preview_modes = Page.DEFAULT_PREVIEW_MODES
    forms_list_kind = "Event registrations"  # the admin's Forms list (forms/admin_list.py)

    @classmethod
    def finished_for_forms_list(cls) -> "models.QuerySet[EventPage]":  # over: hidden under Forms
        return cls.objects.filter(finishes_at__lte=timezone.now())

    class Meta:
        verbose_name = "event page"
        indexes = [models.Index(fields=["start"])]

    # --- rules ------------------------------------------------------------------------------
    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = "The end is before the start."
        if self.status == EventStatus.POSTPONED and not self.previous_start:
            errors["previous_start"] = "A postponed event needs the date it was going to be."
        if self.attendance != Attendance.ONLINE and not (self.venue or self.address):
            errors["venue"] = "Say where it is (a venue or an address), or choose “Online”."
        if errors:
            raise ValidationError(errors)

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.finishes_at = self.compute_finishes_at()
        super().save(*args, **kwargs)

    def compute_finishes_at(self) -> datetime | None:
        if self.start is None:
            return None
        if self.all_day:
            last_day = timezone.localtime(self.end or self.start).date()
            return timezone.make_aware(datetime.combine(last_day + timedelta(days=1), time()))
        return self.end or self.start

    # --- what the templates show --------------------------------------------------------------
    @property
    def local_start(self) -> datetime:
        return timezone.localtime(self.start)

    @property
    def local_end(self) -> datetime | None:
        return timezone.localtime(self.end) if self.end else None

    @property
    def local_previous_start(self) -> datetime | None:
        return timezone.localtime(self.previous_start) if self.previous_start else None

    @property
    def when(self) -> str:
        return display.when(self.local_start, self.local_end, self.all_day)

    @property
    def previous_when(self) -> str:
        return display.when(self.local_previous_start, None, True) if self.previous_start else ""

    @property
    def entry_fee_text(self) -> str:
        return display.money(self.entry_fee) if self.entry_fee else "Free"

    @property
    def fundraising_target_text(self) -> str:
        return display.money(self.fundraising_target)

    @property
    def location_summary(self) -> str:
        if self.is_online:
            return "Online"
        place = self.venue or (self.address_lines[0] if self.address_lines else "")
        if self.attendance == Attendance.MIXED:
            return f"{place} and online"
        return place

    @property
    def multi_day(self) -> bool:
        return self.end is not None and self.local_end.date() != self.local_start.date()  # type: ignore[union-attr]  # set whenever end is

    @property
    def has_finished(self) -> bool:
        finishes = self.finishes_at or self.compute_finishes_at()
        return finishes is not None and finishes <= timezone.now()

    @property
    def is_called_off(self) -> bool:
        return self.status in (EventStatus.CANCELLED, EventStatus.POSTPONED)

    @property
    def is_online(self) -> bool:
        return self.attendance == Attendance.ONLINE

    @cached_property
    def has_registration_form(self) -> bool:
        return not self.registration_url and self.form_fields.exists()

    @property
    def registration_open(self) -> bool:
        closed = self.has_finished or self.full_and_closed
        return not closed and self.status not in (EventStatus.SOLD_OUT, EventStatus.CANCELLED)

    @property
    def index_url(self) -> str:
        """The events index's address, from this page's own (an event is always its child): no query."""
        return self.url.rstrip("/").rsplit("/", 1)[0] + "/"

    @cached_property
    def picture(self) -> Any:
        """The event's image with all its renditions in two queries, so the page's picture sizes and
        the JSON-LD's share-size picture do not each ask the database."""
        if not self.image_id:
            return None
        return get_image_model().objects.prefetch_renditions().filter(pk=self.image_id).first()

    @property
    def address_lines(self) -> list[str]:
        return [line.strip() for line in self.address.splitlines() if line.strip()]

    # --- routes -------------------------------------------------------------------------------
    @path("")
    def event(self, request: HttpRequest) -> TemplateResponse:
        context = self.get_context(request)
        context["json_ld"] = event_json_ld(self, request)
        context["google_calendar_url"] = calendar.google_calendar_url(self, request)
        return TemplateResponse(request, self.get_template(request), context)

    @path("register/")
    def register(self, request: HttpRequest) -> HttpResponseBase:
        if not self.has_registration_form:
            return redirect(self.url)
        if not self.registration_open:
            # Sold out, cancelled or over: say so, and store nothing that is sent.
            context = self.get_context(request)
            context["registration_closed"] = True
            # A form sent after the last place went is refused as one that raced for it is (409
            # below): the same answer whether it arrived a moment before or after the last place.
            refused = request.method == "POST" and self.is_full
            return TemplateResponse(request, "events/event_register.html", context, status=409 if refused else 200)
        try:
            response = self.serve_form(
                request, self.url + self.reverse_subpage("register"), template="events/event_register.html"
            )
        except EventFull:  # the last place went while this person was filling in the form
            context = self.get_context(request)
            context.update(registration_closed=True, just_filled=True)
            return TemplateResponse(request, "events/event_register.html", context, status=409)
        if self.last_place_status == Place.WAITING and response.status_code == 302:
            response["Location"] += "&waiting=1"  # the thank-you page says so
        return response

    @path("calendar/")
    def ics(self, request: HttpRequest) -> HttpResponse:
        return calendar.response(calendar.single_event(self, request), f"{self.slug}.ics")

    def get_landing_page_template(self, request: HttpRequest, *args: Any, **kwargs: Any) -> str:
        return "events/event_register_landing.html"

    def serve_preview(self, request: HttpRequest, mode_name: str) -> TemplateResponse:
        return self.event(request)
