"""The privacy notice's table of personal data at 320 px: every record's four parts stay on
screen (one under another, each with its label), nothing scrolls sideways, no axe violation."""

import json

import pytest

from mrdinfo.testing.browser import assert_no_axe_violations
from mrdinfo.testing.factories import GeneralPageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def notice(page_tree, live_server):
    page = GeneralPageFactory(
        parent=page_tree["home"], title="What we keep", body=json.dumps([{"type": "retention_table", "value": None}])
    )
    return live_server.url + page.url


def test_the_table_fits_a_320_pixel_screen(browser_page, notice):
    browser_page.set_viewport_size({"width": 320, "height": 568})
    browser_page.goto(notice)
    browser_page.wait_for_selector(".retention-table tbody tr")
    assert browser_page.evaluate("document.documentElement.scrollWidth") <= 320
    boxes = browser_page.eval_on_selector_all(
        ".retention-table tbody th, .retention-table tbody td",
        "cells => cells.map(cell => { const box = cell.getBoundingClientRect();"
        " return [box.left, box.right, box.width]; })",
    )
    assert len(boxes) >= 4 * 10
    assert all(left >= 0 and right <= 320 and width > 200 for left, right, width in boxes), boxes
    label = browser_page.locator(".retention-table tbody tr").first.locator(".retention-table__label").first
    assert label.is_visible() and label.inner_text().startswith("What it holds")
    assert_no_axe_violations(browser_page, ".retention-table")


def test_the_table_has_four_columns_on_a_wide_screen(browser_page, notice):
    browser_page.goto(notice)
    browser_page.wait_for_selector(".retention-table thead th")
    assert browser_page.locator(".retention-table thead th").first.is_visible()
    assert not browser_page.locator(".retention-table__label").first.is_visible()
