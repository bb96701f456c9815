"""The newsletter in the Wagtail admin: its subscribers (read-only, filterable, exportable as CSV)
and its figures on the fundraiser's dashboard panel.

Both go where fundraisers look, through hooks named for the job, not for the app that shows them
(the newsletter imports no other app): the subscribers' list is a "register_fundraising_menu_item"
(the Giving menu's submenu hook) and the sign-up counts and waiting emails are
"register_fundraising_figures" (the fundraiser's panel asks each for its rows)."""

from django.urls import reverse

from wagtail import hooks
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from mrdinfo.core.records.spreadsheets import SafeSpreadsheetExportMixin

from .emails import emails_waiting
from .models import Subscriber


class SafeExportIndexView(SafeSpreadsheetExportMixin, IndexView):
    """Emails and names are typed by the public: their CSV cells cannot run as formulas."""


class SubscriberViewSet(ModelViewSet):
    index_view_class = SafeExportIndexView
    model = Subscriber
    icon = "mail"
    menu_label = "Newsletter subscribers"
    menu_hook = "register_fundraising_menu_item"
    menu_order = 3  # after Donations and Gift Aid declarations
    inspect_view_enabled = True
    copy_view_enabled = False
    exclude_form_fields: list[str] = []  # never shown: the permission policy refuses add, edit and delete
    list_display = ["email", "first_name", "status", "created_at", "confirmed_at", "unsubscribed_at"]
    list_filter = ["status", "created_at"]
    search_fields = ["email", "first_name"]
    list_export = ["email", "first_name", "get_status_display", "created_at", "confirmed_at", "unsubscribed_at"]
    export_headings = {"get_status_display": "Status"}
    export_filename = "newsletter-subscribers"


@hooks.register("register_admin_viewset")
def register_subscriber_viewset():
    return SubscriberViewSet("subscribers")


def count_sign_ups(start, end):
    return Subscriber.objects.filter(confirmed_at__gte=start, confirmed_at__lt=end).count()


def count_unsubscribes(start, end):
    return Subscriber.objects.filter(unsubscribed_at__gte=start, unsubscribed_at__lt=end).count()


@hooks.register("register_fundraising_figures")
def newsletter_figures():
    subscribers = reverse("subscribers:index")
    return {
        "rows": [
            ("Newsletter sign-ups (confirmed)", f"{subscribers}?status={Subscriber.CONFIRMED}", count_sign_ups),
            ("Newsletter unsubscribes", f"{subscribers}?status={Subscriber.UNSUBSCRIBED}", count_unsubscribes),
        ],
        "emails_waiting": emails_waiting(),
    }


# Offline reading (core/offline): sign-up, "check your email", confirmation and unsubscribe
# pages (some carry a subscriber's own link) are never kept on a device.
@hooks.register("mrdinfo_offline_never_save")
def newsletter_pages_never_saved(request):
    return [reverse("newsletter:signup").removesuffix("sign-up/")]
