"""The result reader in a real browser (Debian's Chromium): typing 1E-04 reads "1 in 10,000",
placed on the scale and announced politely, in place, with the address updated; a bad input is
told so; no JavaScript still works; 320 px has no sideways scrolling; axe-core finds nothing."""

import pytest

from mrdinfo.explainer.tests.factories import ExplainerFactory
from mrdinfo.information.tests.factories import InformationPageFactory, TopicIndexPageFactory
from mrdinfo.testing.browser import assert_no_axe_violations, save_screenshot
from mrdinfo.testing.site import configure_site

from .test_browser import open_context, ready

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

READER = "#result-reader"


@pytest.fixture
def results_url(home_page, live_server):
    configure_site(home_page)
    explainer = ExplainerFactory()
    hub = TopicIndexPageFactory(parent=home_page)
    page = InformationPageFactory(
        parent=hub,
        title="Reading results",
        body=[
            ("text", "<p>How results are written.</p>"),
            ("result_reader", {"explainer": explainer, "heading": ""}),
            ("explainer", {"explainer": explainer, "heading": "", "start_stage": ""}),
        ],
    )
    return live_server.url + page.url


def test_typing_1e_04_reads_1_in_10000_on_the_scale_announced_politely(results_url, browser_page):
    page = browser_page
    page.goto(results_url)
    page.wait_for_selector(f"{READER}.is-enhanced")
    history_length = page.evaluate("history.length")
    field = page.get_by_label("The result, as it is written on the report")
    field.fill("1E-04")
    field.press("Enter")
    status = page.locator(f"{READER} [role=status]")
    assert status.get_attribute("aria-live") == "polite"
    page.wait_for_function("el => el.textContent.includes('1 in 10,000')", arg=status.element_handle())
    assert (
        status.text_content() == "1 in 10,000 cells of the sample. Ask your care team what this means for your child."
    )
    assert page.locator("[data-result-reader-headline]").text_content() == "1 in 10,000 cells of the sample"
    # Placed on the scale: the marked row is 1 in 10,000, beside the MRD test's floor.
    here = page.locator("[data-result-reader-here]")
    assert here.is_visible() and "1 in 10,000" in here.text_content() and "◀ this result" in here.text_content()
    assert "MRD test by PCR finds down to here" in here.text_content()
    # Answered in place (no new page, focus still in the field); the address can be shared.
    assert page.evaluate("document.activeElement.name") == "result"
    assert page.evaluate("new URL(location.href).searchParams.get('result')") == "1E-04"
    assert page.evaluate("history.length") == history_length
    assert_no_axe_violations(page)
    save_screenshot(page, "result-reader-1e-04-1280")

    field.fill("abc")
    field.press("Enter")
    page.wait_for_function("el => el.textContent.startsWith('We could not read that')", arg=status.element_handle())
    assert field.get_attribute("aria-invalid") == "true"
    assert page.locator("[data-result-reader-headline]").count() == 0
    assert_no_axe_violations(page)
    assert not page.problems

    # If reading in the browser ever fails (here its data block is gone), the server answers in
    # place through a fetch of the same page; if that fails too, the form is sent as usual.
    asked = []
    page.on("request", lambda request: "result=" in request.url and asked.append(request.resource_type))
    page.evaluate("document.getElementById('result-reader-data').remove()")
    field.fill("<0.01%")
    field.press("Enter")
    page.wait_for_function(
        "() => document.querySelector('[data-result-reader-answer]').dataset.reading === 'share <1/10000'"
    )
    assert asked == ["fetch"] and page.evaluate("history.length") == history_length
    assert field.get_attribute("aria-invalid") is None
    page.route(
        lambda url: "result=" in url,
        lambda route: route.abort() if route.request.resource_type == "fetch" else route.continue_(),
    )
    field.fill("negative")
    with page.expect_navigation():
        field.press("Enter")
    assert page.locator("[data-result-reader-answer]").get_attribute("data-reading") == "none_found"
    assert asked == ["fetch", "fetch", "document"]
    # The one problem is the refused fetch's own console line, which this test made.
    assert len(page.problems) == 1 and "ERR_FAILED" in page.problems[0]
    page.problems.clear()


def test_without_javascript_the_form_is_answered_by_the_server(results_url, chromium):
    context, page = open_context(chromium, java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page.goto(results_url)
    page.get_by_label("The result, as it is written on the report").fill("<0.01%")
    page.get_by_role("button", name="Read it").click()
    page.wait_for_load_state()
    assert "result=%3C0.01%25" in page.url and page.url.endswith("#result-reader")
    assert page.locator("[data-result-reader-headline]").text_content() == "Fewer than 1 in 10,000 cells of the sample"
    assert "Ask which one your child's report means." in page.locator(READER).inner_text()
    assert page.get_by_label("The result, as it is written on the report").input_value() == "<0.01%"
    context.close()
    assert not page.problems


def test_at_320_px_nothing_scrolls_sideways_with_a_result_read_and_the_explainer(results_url, chromium):
    context, page = open_context(chromium, viewport={"width": 320, "height": 740})
    page.goto(results_url + "?result=1.5E-03#result-reader")
    ready(page)
    page.wait_for_selector(f"{READER}.is-enhanced")
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    # The explainer's table, folded beside the drawn scale and opened with a tap, is one card per
    # stage: every cell inside the page, nothing cut off.
    page.locator(".explainer__table-summary").click()
    assert page.locator(".explainer__table tbody tr").first.is_visible()
    assert page.evaluate(
        """() => [...document.querySelectorAll('.explainer__table td, .explainer__table th[scope=row]')]
            .every((cell) => { const r = cell.getBoundingClientRect();
                const inside = r.left >= 0 && r.right <= document.documentElement.clientWidth;
                return inside && cell.scrollWidth <= cell.clientWidth + 1; })"""
    )
    assert page.locator(".explainer__table thead").bounding_box()["height"] <= 1
    assert_no_axe_violations(page)
    save_screenshot(page, "result-reader-320")
    context.close()
    assert not page.problems
