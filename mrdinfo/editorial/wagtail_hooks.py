"""The editorial tools in the Wagtail admin: the content checker's extra rules, the review-dates
dashboard panel and report, reviewer profiles (Settings → Clinical reviewers) and the editors'
guide (Help → Editors' guide)."""

from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.pages.listing import IndexView as PageExplorerView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.pages import PagePermissionPolicy

from . import review_dates
from .content_checks import use_our_content_checker
from .models import ReviewerProfile
from .views import ReviewDatesReportView, can_view_review_dates, editors_guide

hooks.register("construct_wagtail_userbar", use_our_content_checker)


@hooks.register("insert_editor_js")
def publish_after_autosave():
    return format_html('<script src="{}"></script>', static("editorial/publish-after-autosave.js"))


@hooks.register("after_edit_page")
def after_a_review_go_to_the_dashboard(request, page):
    """A reviewer who approves (or sends back) a page from its editor lands on their dashboard.

    Wagtail sends them on to the section's page list, which the Clinical reviewers group may not
    open (they review, they do not manage pages): the approval had worked, but the next screen
    said "Sorry, you do not have permission to access this area". The dashboard is where their
    remaining reviews are."""
    if not request.POST.get("action-workflow-action") or get_valid_next_url_from_request(request):
        return None
    if PagePermissionPolicy().user_has_any_permission(request.user, PageExplorerView.any_permission_required):
        return None
    return redirect("wagtailadmin_home")


class ReviewerProfileViewSet(ModelViewSet):
    model = ReviewerProfile
    icon = "user"
    menu_label = "Clinical reviewers"
    add_to_settings_menu = True
    copy_view_enabled = False
    form_fields = ["user", "display_name", "role"]
    list_display = ["display_name", "role", "user"]
    search_fields = ["display_name", "role"]


@hooks.register("register_admin_viewset")
def register_reviewer_profiles():
    return ReviewerProfileViewSet("reviewer_profiles")


class ReviewDatesPanel(Component):
    """Dashboard: medical pages overdue for review or due in the next 30 days."""

    name = "review_dates"
    template_name = "editorial/admin/review_dates_panel.html"
    order = 150

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        pages = review_dates.due_pages()
        context.update(
            pages=[
                {
                    "page": page,
                    "due": page.review_due_date,
                    "overdue": review_dates.review_status(page) == review_dates.OVERDUE,
                }
                for page in pages
            ],
            days=review_dates.DUE_SOON_DAYS,
            report_url=reverse("editorial_review_dates"),
        )
        return context


@hooks.register("construct_homepage_panels")
def add_review_dates_panel(request, panels):
    if can_view_review_dates(request.user):
        panels.append(ReviewDatesPanel())


@hooks.register("register_admin_urls")
def register_editorial_urls():
    return [
        path("reports/review-dates/", ReviewDatesReportView.as_view(), name="editorial_review_dates"),
        path(
            "reports/review-dates/results/",
            ReviewDatesReportView.as_view(results_only=True),
            name="editorial_review_dates_results",
        ),
        path("editors-guide/", editors_guide, name="editorial_editors_guide"),
    ]


class ReviewDatesMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_review_dates(request.user)


@hooks.register("register_reports_menu_item")
def register_review_dates_menu_item():
    return ReviewDatesMenuItem(
        "Review dates", reverse("editorial_review_dates"), name="review-dates", icon_name="date", order=50
    )


@hooks.register("register_help_menu_item")
def register_editors_guide_menu_item():
    return MenuItem(
        "Editors' guide (this site)",
        reverse("editorial_editors_guide"),
        name="site-editors-guide",
        icon_name="help",
        order=900,
    )
