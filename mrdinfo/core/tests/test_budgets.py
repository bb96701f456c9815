"""Budgets from the brief: a page's HTML + CSS + JS under 60 KB compressed."""

import pytest

from mrdinfo.testing.weight import page_weight

PAGE_WEIGHT_BUDGET = 60 * 1024

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/", "/about-us/"])
def test_page_weight_within_budget(client, page_tree, url):
    sizes = page_weight(client, url)
    assert "/static/css/main.css" in sizes
    assert sizes["total"] < PAGE_WEIGHT_BUDGET, sizes
