"""Review status of every medical page (the Understanding MRD section), for the dashboard panel,
the report and the reviewers' digest.

A page's review falls due on its "next review due" date, or two years after its last update or
clinical review (ReviewedPage.review_due_date). "Due soon" is within DUE_SOON_DAYS."""

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.utils import timezone

from wagtail.models import Page

from .review import ReviewedPage

if TYPE_CHECKING:
    from .models import SignOff

DUE_SOON_DAYS = 30

OVERDUE, DUE_SOON, UP_TO_DATE, NO_DATE = "overdue", "due_soon", "up_to_date", "no_date"
STATUS_LABELS = {
    OVERDUE: "Overdue",
    DUE_SOON: f"Due in the next {DUE_SOON_DAYS} days",
    UP_TO_DATE: "Up to date",
    NO_DATE: "No review date",
}


def reviewed_page_models() -> list[type[Page]]:
    from django.apps import apps

    return [model for model in apps.get_models() if issubclass(model, ReviewedPage) and issubclass(model, Page)]


def reviewed_pages() -> list[Page]:
    """Every page that carries review dates, as its specific type, in tree order."""
    return list(Page.objects.type(*reviewed_page_models()).order_by("path").specific())


def review_status(page: Page, today: datetime.date | None = None) -> str:
    today = today or timezone.localdate()
    due = page.review_due_date
    if due is None:
        return NO_DATE
    if due < today:
        return OVERDUE
    if due <= today + datetime.timedelta(days=DUE_SOON_DAYS):
        return DUE_SOON
    return UP_TO_DATE


STATUS_ORDER = {OVERDUE: 0, DUE_SOON: 1, UP_TO_DATE: 2, NO_DATE: 3}


def long_date(day: datetime.date) -> str:
    """28 November 2028: how the site and the guide write a date."""
    return f"{day.day} {day:%B %Y}"


def in_review_order(pages: Iterable[Page], today: datetime.date | None = None) -> list[Page]:
    """Overdue pages first, then those due soon, then the rest; within each, soonest due first."""
    today = today or timezone.localdate()
    return sorted(
        pages,
        key=lambda page: (
            STATUS_ORDER[review_status(page, today)],
            page.review_due_date or datetime.date.max,
            page.path,
        ),
    )


def due_pages(today: datetime.date | None = None, pages: Iterable[Page] | None = None) -> list[Page]:
    """Pages overdue or due within DUE_SOON_DAYS, the soonest (most overdue) first."""
    today = today or timezone.localdate()
    pages = reviewed_pages() if pages is None else pages
    due = [page for page in pages if review_status(page, today) in (OVERDUE, DUE_SOON)]
    return sorted(due, key=lambda page: (page.review_due_date, page.path))


def last_sign_off_by_page(pages: Iterable[Page]) -> dict[int | None, "SignOff"]:
    """The latest clinical sign-off of each page (page id → SignOff), in one query."""
    from .models import SignOff

    latest: dict[int | None, SignOff] = {}
    for sign_off in SignOff.objects.filter(page__in=[page.pk for page in pages]).order_by("approved_at"):
        latest[sign_off.page_id] = sign_off
    return latest
