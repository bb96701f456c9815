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


def test_every_page_of_the_real_content_is_within_budget(client):
    from pathlib import Path

    from django.conf import settings
    from wagtail.models import Page

    from mrdinfo.core.content.loader import ContentLoader

    ContentLoader(Path(settings.BASE_DIR) / "content").load()
    weights = {}
    for page in Page.objects.live().filter(depth__gt=1).specific():
        weights[page.url] = page_weight(client, page.url)
    heaviest = max(weights.items(), key=lambda item: item[1]["total"])
    print("heaviest page:", heaviest[0], heaviest[1])
    assert "/understanding-mrd/what-is-mrd/" in weights and "/" in weights
    assert all(sizes["total"] < PAGE_WEIGHT_BUDGET for sizes in weights.values()), weights
