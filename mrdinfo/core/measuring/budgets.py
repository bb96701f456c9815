"""The budgets every page is held to, and one way to measure the live pages against them, shared by
the tests and `manage.py measure_pages`."""

from collections.abc import Iterable
from typing import Any

from django.test import Client

from wagtail.models import Page

from .queries import count_queries
from .weight import weight_of

# The brief: an information page's HTML + CSS + JS under 60 KB compressed.
PAGE_WEIGHT_BUDGET = 60 * 1024
# Issue 3: an information page renders in at most 15 queries, however many glossary terms or related pages.
PAGE_QUERY_BUDGET = 15


def live_page_urls() -> list[str]:
    return [page.url for page in Page.objects.live().filter(depth__gt=1).specific().order_by("path")]


def measure(client: Client, urls: Iterable[str]) -> list[dict[str, Any]]:
    """Each URL's status, queries on a warm render and gzipped weights (None unless the status is 200)."""
    measurements = []
    for url in urls:
        client.get(url)  # the first render fills the caches; the second is what visitors usually get
        queries, response = count_queries(client, url)
        weights = weight_of(response.content, url) if response.status_code == 200 else None
        measurements.append({"url": url, "status": response.status_code, "queries": queries, "weights": weights})
    return measurements
