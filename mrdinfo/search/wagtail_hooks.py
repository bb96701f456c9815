"""Reports → Searches with no results: what parents looked for and did not find, most often first.
(Reports → Search terms, from wagtail.contrib.search_promotions, lists every search.)"""

from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn
from wagtail.admin.views.reports import ReportView

from mrdinfo.core.records.spreadsheets import SafeSpreadsheetExportMixin

from .models import NoResultSearch


class NoResultSearchesReportView(SafeSpreadsheetExportMixin, ReportView):
    page_title = "Searches with no results"
    header_icon = "search"
    is_searchable = True
    search_fields = ["query_string"]
    default_ordering = "-hits"
    index_url_name = "site_search_no_results"
    index_results_url_name = "site_search_no_results_results"
    columns = [
        Column("query_string", label="Search term(s)", sort_key="query_string"),
        NumberColumn("hits", label="Times searched", sort_key="hits"),
        DateColumn("last_searched", label="Last searched", sort_key="last_searched"),
    ]
    list_export = ["query_string", "hits", "last_searched"]
    export_headings = {"query_string": "Search term(s)", "hits": "Times searched", "last_searched": "Last searched"}

    def get_base_queryset(self):
        return NoResultSearch.objects.all()

    def dispatch(self, request, *args, **kwargs):
        # The same rule as Wagtail's own search terms report.
        if not request.user.is_superuser:
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)


@hooks.register("register_admin_urls")
def register_admin_urls():
    view = NoResultSearchesReportView
    return [
        path("reports/searches-with-no-results/", view.as_view(), name="site_search_no_results"),
        path(
            "reports/searches-with-no-results/results/",
            view.as_view(results_only=True),
            name="site_search_no_results_results",
        ),
    ]


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_reports_menu_item")
def register_no_results_report_menu_item():
    return SuperuserMenuItem(
        "Searches with no results", reverse("site_search_no_results"), icon_name="search", order=1001
    )
