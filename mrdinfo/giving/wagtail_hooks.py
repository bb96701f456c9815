"""Giving in the Wagtail admin: donations and Gift Aid declarations (read-only, filterable,
exportable as CSV) under the Giving menu, and the Gift Aid claim export under Reports.

Other apps put their fundraising lists in the Giving menu without giving importing them: a
viewset whose menu_hook is "register_fundraising_menu_item" (the group's submenu_hook) is listed
there (the newsletter's subscribers)."""

import datetime

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from mrdinfo.core.records.spreadsheets import SafeSpreadsheetExportMixin

from .dashboard import GivingPanel, pounds_and_pence
from .exports import claim_csv
from .models import DonatePage, Donation, GiftAidDeclaration

CLAIM_PERMISSION = "giving.view_giftaiddeclaration"


class SafeExportIndexView(SafeSpreadsheetExportMixin, IndexView):
    """Names, addresses and emails are typed by donors: their CSV cells cannot run as formulas."""


def yes_no(value: bool) -> str:
    return "Yes" if value else "No"


class DonationViewSet(ModelViewSet):
    index_view_class = SafeExportIndexView
    model = Donation
    icon = "pick"
    menu_label = "Donations"
    inspect_view_enabled = True
    copy_view_enabled = False
    exclude_form_fields: list[str] = []  # never shown: the permission policy refuses add, edit and delete
    # Money as £25.00 and Yes/No, as staff read them (not 25.00 and True).
    list_display = [
        "__str__",
        "created_at",
        Column(
            "amount", label="Amount", accessor=lambda donation: pounds_and_pence(donation.amount), sort_key="amount"
        ),
        Column("frequency", label="Frequency", accessor="get_frequency_display"),
        Column("status", label="Status", accessor="get_status_display"),
        Column("gift_aid", label="Gift Aid", accessor=lambda donation: yes_no(donation.gift_aid)),
    ]
    list_filter = ["status", "frequency", "gift_aid", "created_at"]
    search_fields = ["first_name", "last_name", "email", "postcode"]
    list_export = [
        "reference",
        "created_at",
        "get_status_display",
        "paid_at",
        "get_frequency_display",
        "amount",
        "gift_aid",
        "gift_aid_scope",
        "gift_aid_declared_at",
        "gift_aid_wording_version",
        "title",
        "first_name",
        "last_name",
        "email",
        "phone",
        "address_line_1",
        "address_line_2",
        "town",
        "postcode",
        "get_tribute_type_display",
        "tribute_name",
        "contact_by_email",
        "contact_by_post",
        "contact_by_phone",
        "updates_about_this_gift",
        "provider",
    ]
    export_filename = "donations"
    export_headings = {
        "get_status_display": "Status",
        "get_frequency_display": "Frequency",
        "get_tribute_type_display": "Tribute",
        "gift_aid_scope": "Gift Aid covers",
        "gift_aid_declared_at": "Gift Aid declared at",
        "gift_aid_wording_version": "Gift Aid wording version",
    }
    inspect_view_fields_exclude = ["id"]


class GiftAidDeclarationViewSet(ModelViewSet):
    index_view_class = SafeExportIndexView
    model = GiftAidDeclaration
    icon = "doc-full"
    menu_label = "Gift Aid declarations"
    inspect_view_enabled = True
    copy_view_enabled = False
    exclude_form_fields: list[str] = []  # never shown: the permission policy refuses add, edit and delete
    list_display = ["__str__", "declared_at", "scope", "wording_version", "cancelled_at"]
    list_filter = ["scope", "declared_at"]
    search_fields = ["first_name", "last_name", "postcode"]
    list_export = [
        "declared_at",
        "charity_name",
        "get_scope_display",
        "wording_version",
        "wording",
        "title",
        "first_name",
        "last_name",
        "house_name_or_number",
        "address",
        "postcode",
        "cancelled_at",
        "donation_reference",
    ]
    export_filename = "gift-aid-declarations"
    export_headings = {"get_scope_display": "Covers", "donation_reference": "Donation reference"}


class GivingViewSetGroup(ModelViewSetGroup):
    menu_label = "Giving"
    menu_icon = "pick"
    menu_order = 250
    submenu_hook = "register_fundraising_menu_item"
    items = (DonationViewSet("donations"), GiftAidDeclarationViewSet("gift_aid"))


@hooks.register("register_admin_viewset")
def register_giving_viewsets():
    return GivingViewSetGroup()


@hooks.register("construct_homepage_panels")
def add_giving_panel(request, panels):
    if request.user.has_perm("giving.view_donation"):
        panels.append(GivingPanel())


def gift_aid_claim(request):
    if not request.user.has_perm(CLAIM_PERMISSION):
        raise PermissionDenied
    start, end = _date(request.GET.get("start")), _date(request.GET.get("end"))
    if request.GET.get("download"):
        response = HttpResponse(claim_csv(start, end), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="gift-aid-claim.csv"'
        return response
    return render(request, "giving/admin/gift_aid_claim.html", {"start": start, "end": end})


def _date(value):
    try:
        return datetime.date.fromisoformat(value or "")
    except ValueError:
        return None


@hooks.register("register_admin_urls")
def register_gift_aid_claim_url():
    return [path("giving/gift-aid-claim/", gift_aid_claim, name="giving_gift_aid_claim")]


class GiftAidClaimMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(CLAIM_PERMISSION)


@hooks.register("register_reports_menu_item")
def register_gift_aid_claim_menu_item():
    return GiftAidClaimMenuItem(
        "Gift Aid claim", reverse("giving_gift_aid_claim"), name="gift-aid-claim", icon_name="doc-full", order=900
    )


# Offline reading (core/offline): the donation journey (amounts, details, payment, thanks) is
# never kept on a device, its first step included.
@hooks.register("mrdinfo_offline_never_save")
def donation_journey_never_saved(request):
    return [page.get_url(request=request) for page in DonatePage.objects.live()]
