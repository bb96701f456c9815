"""Home and general pages, breadcrumbs, the 404 and 500 pages, share tags."""

import pytest
from django.test import RequestFactory

from mrdinfo.core.views import server_error
from mrdinfo.general.models import GeneralPage
from mrdinfo.home.models import HomePage
from mrdinfo.testing.site import make_general_page


@pytest.mark.django_db
def test_home_page_shows_hero_and_body(client, page_tree):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Understanding MRD in childhood leukaemia</h1>" in html
    assert "a special test can find them" in html.lower()
    assert "<title>Understanding MRD in childhood leukaemia | Test Charity</title>" in html
    assert 'href="#main-content">Skip to main content' in html


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


@pytest.mark.django_db
def test_share_tags_and_canonical(client, page_tree):
    html = client.get(page_tree["about"].url).content.decode()
    assert '<link rel="canonical" href="http://localhost/about-us/">' in html
    assert '<meta property="og:title" content="About us">' in html
    assert '<meta property="og:description" content="About about us.">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html


@pytest.mark.django_db
def test_not_found_page_is_designed_and_helpful(client, page_tree):
    response = client.get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "We cannot find that page" in html
    assert 'href="/about-us/"' in html  # main menu links offered as ways on
    assert "Test Charity" in html


def test_server_error_page_needs_no_database():
    # No django_db mark: any query here would raise, so this proves the 500 page makes none.
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Sorry, something went wrong on our side" in response.content.decode()


@pytest.mark.django_db
def test_block_previews_render_in_the_admin(admin_client):
    from mrdinfo.core.blocks import BaseStreamBlock

    stream = BaseStreamBlock()
    for name, block in stream.child_blocks.items():
        if not block.is_previewable:
            continue
        response = admin_client.get("/admin/block-preview/", {"id": block.definition_prefix})
        assert response.status_code == 200, name
        assert 'href="/static/css/main.css"' in response.content.decode(), name
    previewable = [name for name, block in stream.child_blocks.items() if block.is_previewable]
    assert set(previewable) >= {"heading", "text", "callout", "button", "cards"}
