"""Header, menus and footer: edited in Wagtail, cached, and cheap to render."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from mrdinfo.core.measuring.queries import page_cache_bypass
from mrdinfo.core.models import Menu, MenuItem
from mrdinfo.testing.factories import GeneralPageFactory
from mrdinfo.testing.html import select, select_one, text

pytestmark = pytest.mark.django_db


def render_home_queries(client):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/", headers=page_cache_bypass())  # a render, not the page cache
    assert response.status_code == 200
    return len(ctx.captured_queries), response


def set_menu_size(menu, pages, size):
    menu.items = [MenuItem(link_page=pages[i % len(pages)], label=f"Link {i}", sort_order=i) for i in range(size)]
    menu.save()


@pytest.mark.parametrize("warm", [False, True], ids=["cold cache", "warm cache"])
def test_home_page_costs_the_same_queries_with_3_or_30_menu_items(
    client, page_tree, warm, django_capture_on_commit_callbacks
):
    pages = [GeneralPageFactory(parent=page_tree["home"], title=f"Section {i}") for i in range(6)]
    counts = {}
    for size in (3, 30):
        with django_capture_on_commit_callbacks(execute=True):
            set_menu_size(page_tree["main_menu"], pages, size)
            set_menu_size(page_tree["footer_menu"], pages, size)
        if warm:
            client.get("/")
        counts[size], response = render_home_queries(client)
        assert response.content.decode().count('class="main-nav__link"') == size
    assert counts[3] == counts[30], counts


def test_warm_cache_renders_chrome_without_menu_queries(client, page_tree):
    client.get("/")
    with CaptureQueriesContext(connection) as ctx:
        client.get("/", headers=page_cache_bypass())
    sql = " ".join(q["sql"] for q in ctx.captured_queries)
    assert "core_menuitem" not in sql
    assert "core_sitesettings" not in sql


def main_menu(response):
    """The main menu's links: (text, address, aria-current)."""
    return [(text(a), a["href"], a.get("aria-current")) for a in select(response, 'nav[aria-label="Main"] a')]


def footer(response):
    return select_one(response, "footer.site-footer")


def test_main_menu_links_in_order_with_current_section_marked(client, page_tree):
    # Reading /about-us/our-team/, the About link is marked as the current section.
    assert main_menu(client.get(page_tree["team"].url)) == [
        ("About us link", "/about-us/", "true"),
        ("Privacy notice", "/privacy-notice/", None),
    ]


def test_editing_a_menu_shows_at_once(client, page_tree, django_capture_on_commit_callbacks):
    assert "About us link" in client.get("/").content.decode()
    item = MenuItem.objects.get(menu=page_tree["main_menu"], label="About us link")
    item.label = "Who we are"
    with django_capture_on_commit_callbacks(execute=True):
        item.save()
    labels = [label for label, _url, _current in main_menu(client.get("/"))]
    assert labels == ["Who we are", "Privacy notice"]


def test_unpublished_page_drops_out_of_the_menu(client, page_tree, django_capture_on_commit_callbacks):
    assert 'href="/privacy-notice/"' in client.get("/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        page_tree["privacy"].unpublish()
    assert [url for _label, url, _current in main_menu(client.get("/"))] == ["/about-us/"]


def test_footer_shows_charity_details_and_legal_links(client, page_tree, django_capture_on_commit_callbacks):
    settings = page_tree["settings"]
    with django_capture_on_commit_callbacks(execute=True):
        settings.charity_number_scotland = "SC000001"
        settings.facebook_url = "https://www.facebook.com/example"
        settings.save()
    site_footer = footer(client.get("/"))
    words = text(site_footer)
    assert "Test Charity." in words
    assert "Registered charity number 123456 (England and Wales) and SC000001 (Scotland)" in words
    links = {a["href"]: text(a) for a in site_footer.select("a[href]")}
    assert links["/privacy-notice/"] == "Privacy notice"
    assert links["/accessibility-statement/"] == "Accessibility statement"
    assert "mailto:hello@example.org" in links
    assert "https://www.facebook.com/example" in links


def test_menu_item_needs_a_page_or_an_address(page_tree):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        MenuItem(menu=page_tree["main_menu"]).clean()
    with pytest.raises(ValidationError):
        MenuItem(menu=page_tree["main_menu"], link_url="https://example.org/").clean()  # no link text
    MenuItem(menu=page_tree["main_menu"], link_url="https://example.org/", label="Elsewhere").clean()


def test_external_menu_link(client, page_tree, django_capture_on_commit_callbacks):
    menu = Menu.objects.get(name="Main menu")
    with django_capture_on_commit_callbacks(execute=True):
        menu.items.add(MenuItem(link_url="https://shop.example.org/", label="Shop"))
        menu.save()
    assert ("Shop", "https://shop.example.org/", None) in main_menu(client.get("/"))


def test_footer_does_not_repeat_a_link_that_is_in_the_footer_menu(client, page_tree):
    # The fixture's footer menu has the accessibility statement, which is also a settings link.
    hrefs = [a["href"] for a in footer(client.get("/")).select("a[href]")]
    assert hrefs.count("/accessibility-statement/") == 1
    assert hrefs.count("/privacy-notice/") == 1
