"""General pages (about, privacy, contact and the like): breadcrumbs, contents list, where they may live."""

import pytest

from mrdinfo.general.models import GeneralPage
from mrdinfo.home.models import HomePage
from mrdinfo.testing.site import make_general_page


@pytest.mark.django_db
def test_general_page_breadcrumbs_and_contents_list(client, page_tree):
    page = make_general_page(
        page_tree["about"],
        "How we work",
        body=[
            ("heading", {"text": "Our values", "level": "2"}),
            ("text", "<p>We are kind.</p>"),
            ("heading", {"text": "Our people", "level": "2"}),
            ("heading", {"text": "Our values", "level": "2"}),
        ],
    )
    html = client.get(page.url).content.decode()
    crumbs = html.split('aria-label="Breadcrumb"')[1].split("</nav>")[0]
    assert 'href="/">Home</a>' in crumbs and 'href="/about-us/">About us</a>' in crumbs
    assert '<span aria-current="page">How we work</span>' in crumbs
    # Unique anchors, and the contents list links to them.
    assert '<h2 id="our-values" class="section-heading">' in html
    assert '<h2 id="our-values-2" class="section-heading">' in html
    assert 'href="#our-values-2"' in html and "On this page" in html


@pytest.mark.django_db
def test_general_pages_only_under_home_or_general(page_tree):
    assert GeneralPage.can_exist_under(page_tree["home"])
    assert GeneralPage.can_exist_under(page_tree["about"])
    assert not HomePage.can_exist_under(page_tree["home"])
