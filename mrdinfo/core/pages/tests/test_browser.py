"""The foundation in a real browser: accessibility (axe-core), keyboard, and a CSP that the
pages themselves never trip (the browser_page fixture fails on any console error)."""

import pytest

from mrdinfo.core.models import Menu, MenuItem, SiteSettings
from mrdinfo.testing.browser import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(page_tree, live_server):
    return live_server.url, page_tree


@pytest.mark.parametrize("path", ["/", "/about-us/", "/about-us/our-team/", "/no-such-page/"])
def test_no_axe_violations(site, browser_page, path):
    base, _ = site
    response = browser_page.goto(base + path)
    assert response.status == (404 if "no-such" in path else 200)
    assert_no_axe_violations(browser_page)


def test_skip_link_is_first_and_moves_focus_to_main(site, browser_page):
    base, _ = site
    browser_page.goto(base + "/about-us/")
    browser_page.keyboard.press("Tab")
    focused = browser_page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    assert browser_page.locator(".skip-link").bounding_box()["y"] >= 0  # visible when focused
    browser_page.keyboard.press("Enter")
    assert browser_page.evaluate("document.activeElement.id") == "main-content"


def test_body_text_is_at_least_18px_on_a_phone(site, chromium):
    base, _ = site
    context = chromium.new_context(viewport={"width": 320, "height": 640}, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    page.goto(base + "/about-us/")
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.rich-text p')).fontSize)")
    overflow = page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")
    context.close()
    assert size >= 18
    assert not overflow, "the page scrolls sideways at 320px"


def test_focus_is_visible(site, browser_page):
    base, _ = site
    browser_page.goto(base + "/")
    browser_page.keyboard.press("Tab")
    browser_page.keyboard.press("Tab")  # the site name link
    background = browser_page.evaluate("getComputedStyle(document.activeElement).backgroundColor")
    assert background == "rgb(255, 221, 0)"  # the yellow focus style


MENU_LABELS = ["Home", "Understanding MRD", "Glossary", "Events", "News", "Donate", "About us"]


@pytest.fixture
def seven_item_menu(page_tree):
    """The real site's menu: seven items, a long charity name and a tagline."""
    menu = Menu.objects.get(name="Main menu")
    menu.items = [
        MenuItem(link_page=page_tree["about"], label=label, sort_order=i) for i, label in enumerate(MENU_LABELS)
    ]
    menu.save()
    settings = SiteSettings.for_site(page_tree["home"].get_site())
    settings.charity_name = "Children with Cancer UK"
    settings.tagline = "Understanding MRD in childhood leukaemia"
    settings.save()
    return menu


def visible_menu_labels(page):
    return [link.inner_text() for link in page.locator(".main-nav__link").all() if link.is_visible()]


@pytest.mark.parametrize("script", [False, True], ids=["no script", "script"])
def test_on_a_phone_the_menu_folds_behind_a_button_that_needs_no_script(site, chromium, seven_item_menu, script):
    base, _ = site
    context = chromium.new_context(
        viewport={"width": 320, "height": 640}, device_scale_factor=2, is_mobile=True, java_script_enabled=script
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto(base + "/about-us/")
    # Closed: the header is the name (with its tagline) and one row for the Menu button.
    assert visible_menu_labels(page) == []
    header = page.locator(".site-header").bounding_box()
    name = page.locator(".site-header__home").bounding_box()
    toggle = page.get_by_role("button", name="Menu")
    toggle_box = toggle.bounding_box()
    assert toggle_box["y"] >= name["y"] + name["height"] - 1 and toggle_box["x"] + toggle_box["width"] <= 320
    assert header["height"] <= name["height"] + toggle_box["height"] + 64, (header, name, toggle_box)
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")

    # Open: every item, one per line, over the page.
    toggle.click()
    assert visible_menu_labels(page) == MENU_LABELS
    assert page.get_by_role("navigation", name="Main").bounding_box()["width"] == 320
    if script:  # axe-core runs as a script in the page
        assert_no_axe_violations(page)
    # Escape closes it, and so does its own button.
    page.keyboard.press("Escape")
    assert visible_menu_labels(page) == []
    toggle.click()
    page.get_by_role("button", name="Close menu").click()
    assert visible_menu_labels(page) == []
    # A link in it goes where it says.
    toggle.click()
    page.get_by_role("link", name="Glossary").click()
    page.wait_for_load_state()
    assert page.url == base + "/about-us/"
    context.close()


def test_on_a_wide_screen_the_menu_is_always_shown(site, browser_page, seven_item_menu):
    base, _ = site
    browser_page.goto(base + "/about-us/")
    assert visible_menu_labels(browser_page) == MENU_LABELS
    assert not browser_page.get_by_role("button", name="Menu").is_visible()
    assert not browser_page.get_by_role("button", name="Close menu").is_visible()
    # One line: every item's top edge is level with the first one's.
    tops = {round(link.bounding_box()["y"]) for link in browser_page.locator(".main-nav__link").all()}
    assert len(tops) == 1, tops
