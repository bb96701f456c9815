from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("reports/page-feedback/", admin_views.feedback_report, name="page_feedback_report"),
        path("reports/page-feedback/<int:page_id>/", admin_views.page_feedback_detail, name="page_feedback_detail"),
    ]


class FeedbackMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_view(request.user)


@hooks.register("register_reports_menu_item")
def register_feedback_report_menu_item():
    return FeedbackMenuItem("Page feedback", reverse("page_feedback_report"), icon_name="help", order=1002)
