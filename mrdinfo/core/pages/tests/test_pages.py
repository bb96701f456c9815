"""What every page shares: share tags and canonical links, the 404 and 500 pages, block previews."""

import pytest

from django.test import RequestFactory

from mrdinfo.core.operations.views import server_error


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
    from mrdinfo.core.pages.blocks import BaseStreamBlock

    stream = BaseStreamBlock()
    for name, block in stream.child_blocks.items():
        if not block.is_previewable:
            continue
        response = admin_client.get("/admin/block-preview/", {"id": block.definition_prefix})
        assert response.status_code == 200, name
        assert 'href="/static/css/main.css"' in response.content.decode(), name
    previewable = [name for name, block in stream.child_blocks.items() if block.is_previewable]
    assert set(previewable) >= {"heading", "text", "callout", "button", "cards"}
