"""Budgets from the brief: a page's HTML + CSS + JS under 60 KB compressed."""

import pytest

from mrdinfo.core.measuring.budgets import PAGE_WEIGHT_BUDGET, live_page_urls, measure
from mrdinfo.core.measuring.weight import SERVICE_WORKER, MeasuringError, page_weight, weight_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/", "/about-us/"])
def test_page_weight_within_budget(client, page_tree, url):
    sizes = page_weight(client, url)
    assert "/static/css/main.css" in sizes
    assert {"/static/core/offline.js", SERVICE_WORKER} <= set(sizes)  # offline reading counts
    assert sizes["total"] < PAGE_WEIGHT_BUDGET, sizes


def test_every_page_of_the_real_content_is_within_budget(site_content, client):
    measurements = measure(client, live_page_urls())
    assert all(row["status"] == 200 for row in measurements), measurements
    weights = {row["url"]: row["weights"] for row in measurements}
    heaviest = max(weights.items(), key=lambda item: item[1]["total"])
    print("heaviest page:", heaviest[0], heaviest[1])
    assert "/understanding-mrd/what-is-mrd/" in weights and "/" in weights
    assert all(sizes["total"] < PAGE_WEIGHT_BUDGET for sizes in weights.values()), weights


def test_measure_pages_reports_each_page_and_what_is_over_budget(page_tree, monkeypatch):
    from io import StringIO

    from django.core.management import call_command

    from mrdinfo.core.management.commands import measure_pages

    output = StringIO()
    call_command("measure_pages", stdout=output)
    lines = {line.split()[0]: line.split()[1:] for line in output.getvalue().splitlines() if line.startswith("/")}
    assert lines["/about-us/"][0] == "200" and int(lines["/about-us/"][1]) <= measure_pages.PAGE_QUERY_BUDGET
    assert lines["/this-page-does-not-exist/"][:1] == ["404"]
    assert "Over budget" not in output.getvalue()

    # With a budget no page can meet, every page is reported.
    monkeypatch.setattr(measure_pages, "PAGE_WEIGHT_BUDGET", 100)
    output = StringIO()
    call_command("measure_pages", stdout=output)
    assert "Over budget: /about-us/ weighs" in output.getvalue()


def test_a_page_that_cannot_be_weighed_raises_an_error_not_an_assert(client, page_tree):
    """Raised errors, so `python -O` (which drops asserts) cannot turn a failure into a figure."""
    with pytest.raises(MeasuringError, match="/no-such-page/ answered 404"):
        page_weight(client, "/no-such-page/")
    html = b'<link rel="stylesheet" href="/static/css/main.css"><script src="/static/missing.js"></script>'
    with pytest.raises(MeasuringError, match="/static/missing.js is linked from /x/ but not found"):
        weight_of(html, "/x/")
    assert set(weight_of(html.replace(b'<script src="/static/missing.js"></script>', b""), "/x/")) == {
        "html",
        "/static/css/main.css",
        "total",
    }
