"""General pages (about, privacy, contact and the like): breadcrumbs, contents list, where they may live."""

import pytest

from mrdinfo.general.models import GeneralPage
from mrdinfo.home.models import HomePage
from mrdinfo.testing.factories import GeneralPageFactory
from mrdinfo.testing.html import parse, select, select_one, text


@pytest.mark.django_db
def test_general_page_breadcrumbs_and_contents_list(client, page_tree):
    page = GeneralPageFactory(
        parent=page_tree["about"],
        title="How we work",
        body=[
            ("heading", {"text": "Our values", "level": "2"}),
            ("text", "<p>We are kind.</p>"),
            ("heading", {"text": "Our people", "level": "2"}),
            ("heading", {"text": "Our values", "level": "2"}),
        ],
    )
    html = parse(client.get(page.url))
    crumbs = select_one(html, 'nav[aria-label="Breadcrumb"]')
    assert [(text(a), a["href"]) for a in crumbs.select("a")] == [("Home", "/"), ("About us", "/about-us/")]
    assert text(crumbs, '[aria-current="page"]') == "How we work"
    # Unique anchors, and the contents list links to them.
    assert [(h["id"], text(h)) for h in select(html, "h2.section-heading")] == [
        ("our-values", "Our values"),
        ("our-people", "Our people"),
        ("our-values-2", "Our values"),
    ]
    contents = select_one(html, "nav.contents-list")
    assert "On this page" in text(contents)
    assert [a["href"] for a in contents.select("a")] == ["#our-values", "#our-people", "#our-values-2"]


@pytest.mark.django_db
def test_general_pages_only_under_home_or_general(page_tree):
    assert GeneralPage.can_exist_under(page_tree["home"])
    assert GeneralPage.can_exist_under(page_tree["about"])
    assert not HomePage.can_exist_under(page_tree["home"])
