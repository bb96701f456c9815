"""The explainer's stage table in Chromium (issue 18): beside the drawn scale it is one line that
opens on a tap (it was five screens of a phone), and without JavaScript it is open and readable,
one card per stage inside a 320 px screen."""

import pytest

from mrdinfo.explainer.tests.factories import ExplainerFactory, place_explainers
from mrdinfo.explainer.tests.test_browser import open_context, ready
from mrdinfo.testing.browser import assert_no_axe_violations
from mrdinfo.testing.site import configure_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(home_page, live_server):
    configure_site(home_page)
    place_explainers(home_page, {"explainer": ExplainerFactory()})
    return live_server.url


TABLE_ROWS = ".explainer__table tbody tr"
CELLS_INSIDE = """() => [...document.querySelectorAll('.explainer__table td, .explainer__table th[scope=row]')]
    .every((cell) => { const r = cell.getBoundingClientRect();
        return r.height > 0 && r.left >= 0 && r.right <= document.documentElement.clientWidth
            && cell.scrollWidth <= cell.clientWidth + 1; })"""


def test_on_a_phone_with_the_scale_drawn_the_table_is_folded_behind_one_line(site, chromium):
    """Beside the drawn scale the table (the same story again) is one line that opens on a tap,
    so the page is not twice as long: it was five screens at 320 px."""
    context, page = open_context(chromium, viewport={"width": 320, "height": 568}, has_touch=True)
    page.goto(site + "/")
    ready(page)
    scale = page.locator("[data-explainer-scale] svg").bounding_box()
    assert scale["height"] > 200 and page.locator(".explainer-svg__marker:not(.is-hidden)").count() >= 1
    summary = page.locator(".explainer__table-summary")
    assert summary.is_visible() and summary.text_content() == "Every stage in one table"
    folded = page.locator(".explainer__table-wrap").bounding_box()
    assert folded["height"] <= 60, folded
    assert not page.locator(TABLE_ROWS).first.is_visible()
    summary.tap()
    assert all(page.locator(TABLE_ROWS).nth(row).is_visible() for row in range(8))
    assert page.evaluate(CELLS_INSIDE)
    assert_no_axe_violations(page)
    context.close()
    assert not page.problems


def test_without_javascript_the_table_is_open_and_readable_on_a_phone(site, chromium):
    context, page = open_context(chromium, java_script_enabled=False, viewport={"width": 320, "height": 568})
    page.goto(site + "/")
    assert page.locator(".explainer__table-wrap").get_attribute("open") == ""
    rows = page.locator(TABLE_ROWS)
    assert rows.count() == 8
    for row in range(8):
        assert rows.nth(row).is_visible() and rows.nth(row).bounding_box()["height"] > 40
    # One card per stage: every cell inside the screen's width, none cut off.
    assert page.evaluate(CELLS_INSIDE)
    assert "Diagnosis" in rows.first.inner_text()
    context.close()
    assert not page.problems
