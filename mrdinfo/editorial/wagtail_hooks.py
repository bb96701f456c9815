"""The editorial tools in the Wagtail admin: the content checker's extra rules, the review-dates
dashboard panel and report, reviewer profiles (Settings → Clinical reviewers) and the editors'
guide (Help → Editors' guide)."""

from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.model import ModelViewSet

from . import review_dates
from .content_checks import use_our_content_checker
from .models import ReviewerProfile
from .views import ReviewDatesReportView, can_view_review_dates, editors_guide

hooks.register("construct_wagtail_userbar", use_our_content_checker)


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
