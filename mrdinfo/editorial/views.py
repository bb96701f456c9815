"""Admin views: Reports → Review dates (every medical page's review status, filterable, with CSV
and spreadsheet export), and the editors' guide (docs/EDITORS_GUIDE.md shown in the admin)."""

import datetime
from pathlib import Path

import django_filters
import markdown

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Value, When
from django.template.response import TemplateResponse
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

from mrdinfo.core.records.spreadsheets import SafeSpreadsheetExportMixin

from . import review_dates

VIEW_REVIEW_DATES = "editorial.view_review_dates"
GUIDE = Path(settings.BASE_DIR) / "docs" / "EDITORS_GUIDE.md"


def can_view_review_dates(user):
    return user.is_active and (user.is_superuser or user.has_perm(VIEW_REVIEW_DATES))


class ReviewDatesFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label="Review status", choices=list(review_dates.STATUS_LABELS.items()), method="filter_status"
    )
    reviewer = django_filters.CharFilter(
        label="Clinical reviewer", method="filter_reviewer", help_text="Part of the reviewer's name"
    )

    class Meta:
        model = Page
        fields: list[str] = []

    def filter_status(self, queryset, name, value):
        today = datetime.date.today()
        keep = [page.pk for page in queryset.specific() if review_dates.review_status(page, today) == value]
        return queryset.filter(pk__in=keep)

    def filter_reviewer(self, queryset, name, value):
        if value == "pending":
            keep = [page.pk for page in queryset.specific() if not page.clinically_reviewed]
        else:
            needle = value.casefold().strip()
            keep = [page.pk for page in queryset.specific() if needle in page.clinical_reviewer_name.casefold()]
        return queryset.filter(pk__in=keep)


class StatusColumn(Column):
    def get_value(self, instance):
        return review_dates.STATUS_LABELS[review_dates.review_status(instance)]


class DayColumn(Column):
    """A date as a date ("28 November 2028"), never Wagtail's "2 hours ago": these are calendar
    days (a review due, a sign-off), and a relative time of a date reads as the wrong day."""

    def get_value(self, instance):
        value = getattr(instance, self.accessor, None)
        return review_dates.long_date(value) if value else "–"


class ReviewerColumn(Column):
    def get_value(self, instance):
        if not instance.clinically_reviewed:
            return "Clinical review: pending"
        role = instance.clinical_reviewer_role
        return f"{instance.clinical_reviewer_name}, {role}" if role else instance.clinical_reviewer_name


class ReviewDatesReportView(SafeSpreadsheetExportMixin, ReportView):
    page_title = "Review dates"
    header_icon = "date"
    index_url_name = "editorial_review_dates"
    index_results_url_name = "editorial_review_dates_results"
    filterset_class = ReviewDatesFilterSet
    paginate_by = 100
    list_export = [
        "title",
        "url_path",
        "review_status_label",
        "clinical_reviewer_name",
        "clinical_reviewer_role",
        "clinically_reviewed_on",
        "last_updated",
        "review_due_date",
        "live",
    ]
    export_headings = {
        "title": "Page",
        "url_path": "Address in the site tree",
        "review_status_label": "Review status",
        "clinical_reviewer_name": "Clinical reviewer",
        "clinical_reviewer_role": "Reviewer's role",
        "clinically_reviewed_on": "Clinically reviewed on",
        "last_updated": "Last updated",
        "review_due_date": "Next review due",
        "live": "Published",
    }

    def get_filename(self):
        return f"review-dates-{datetime.date.today():%Y-%m-%d}"

    def dispatch(self, request, *args, **kwargs):
        if not can_view_review_dates(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def user_has_permission(self, permission):
        return can_view_review_dates(self.request.user)

    def get_queryset(self):
        # Overdue first, then due soon, then the rest, each soonest due first (review_dates.order).
        pages = review_dates.in_review_order(review_dates.reviewed_pages())
        position = Case(
            *[When(pk=page.pk, then=Value(index)) for index, page in enumerate(pages)],
            default=Value(len(pages)),
            output_field=IntegerField(),
        )
        queryset = Page.objects.type(*review_dates.reviewed_page_models())
        return queryset.annotate(review_position=position).order_by("review_position", "path").specific()

    def decorate_paginated_queryset(self, object_list):
        for page in object_list:
            page.review_status_label = review_dates.STATUS_LABELS[review_dates.review_status(page)]
        return object_list

    def to_row_dict(self, item):
        item.review_status_label = review_dates.STATUS_LABELS[review_dates.review_status(item)]
        return super().to_row_dict(item)

    @cached_property
    def columns(self):
        return [
            TitleColumn("title", label="Page", url_name="wagtailadmin_pages:edit"),
            StatusColumn("status", label="Review status"),
            ReviewerColumn("reviewer", label="Clinical reviewer"),
            DayColumn("review_due_date", label="Next review due"),
            DayColumn("clinically_reviewed_on", label="Clinically reviewed on"),
            DayColumn("last_updated", label="Last updated"),
        ]


def editors_guide(request):
    """docs/EDITORS_GUIDE.md, for every member of staff who can use the admin."""
    if not request.user.has_perm("wagtailadmin.access_admin"):
        raise PermissionDenied
    # The guide is our own file in the repository, never anything a user typed.
    html = markdown.markdown(GUIDE.read_text(encoding="utf-8"), extensions=["toc", "tables"])
    return TemplateResponse(
        request,
        "editorial/admin/editors_guide.html",
        {"page_title": "Editors' guide", "guide": mark_safe(html)},  # noqa: S308
    )
