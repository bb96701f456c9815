"""Events in the admin: the dashboard panel of registrations for each upcoming event (for staff
who may read registrations), with places left, each linking to its list of entries."""

from typing import Any

from django.contrib import messages
from django.db.models import Count, Q
from django.urls import reverse

from wagtail import hooks
from wagtail.admin.ui.components import Component

from . import listing
from .admin_form import PUBLISH_ACTION
from .models import EventPage
from .places import Place


class UpcomingRegistrationsPanel(Component):
    name = "upcoming_registrations"
    template_name = "events/admin/registrations_panel.html"
    order = 95

    def get_context_data(self, parent_context: Any) -> dict[str, Any]:
        context = super().get_context_data(parent_context)
        events = (
            # Events that take registrations here (no link to another site), soonest first.
            listing.upcoming_events(EventPage.objects.live().filter(registration_url="")).annotate(
                entries=Count("formsubmission", distinct=True),
                confirmed=Count(
                    "registration_places", filter=Q(registration_places__status=Place.CONFIRMED), distinct=True
                ),
                waiting=Count(
                    "registration_places", filter=Q(registration_places__status=Place.WAITING), distinct=True
                ),
            )[:20]
        )
        rows = []
        for event in events:
            left = None if event.places is None else max(event.places - event.confirmed, 0)
            rows.append(
                {
                    "event": event,
                    "entries": event.entries,
                    "waiting": event.waiting,
                    "left": left,
                    "url": reverse("wagtailforms:list_submissions", args=[event.pk]),
                }
            )
        context["rows"] = rows
        return context


@hooks.register("construct_homepage_panels")
def add_registrations_panel(request, panels):
    if request.user.has_perm("wagtailforms.view_formsubmission"):
        panels.append(UpcomingRegistrationsPanel())


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_about_a_missing_picture(request, page):
    """Published without a picture: allowed, but said, since cards and shares look bare without one."""
    specific = page.specific
    if isinstance(specific, EventPage) and PUBLISH_ACTION in request.POST and not specific.image_id:
        messages.warning(
            request,
            f"“{specific.title}” is live without a picture. Add one (with alt text) so its card and "
            "shared links show the event.",
        )
