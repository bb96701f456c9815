"""The explainer on a phone (Chromium at 320x568 and 390x844), by element geometry: after every
slider step the control, the stage's title and first line and the band (or, for a stage with
no count, the picture) are inside the viewport together."""

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from mrdinfo.explainer.tests.factories import STAGES, ExplainerFactory, place_explainers
from mrdinfo.testing.browser import save_screenshot
from mrdinfo.testing.site import configure_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONES = [(320, 568), (390, 844)]
FIGURE = "#cells-in-the-body"

# True when every part a reader needs after a step is wholly on screen (and the band, when the
# stage has one, is drawn); the script may still be scrolling smoothly, so the tests wait for it.
ALL_ON_SCREEN = """(figure) => {
  const root = document.querySelector(figure);
  const parts = [
    root.querySelector('[data-explainer-control]'),
    root.querySelector('.explainer__stage.is-current h3'),
    root.querySelector('.explainer__stage.is-current .explainer__level'),
  ];
  const band = root.querySelector('.explainer-svg__marker:not(.is-hidden)');
  const counted = root.querySelector('.explainer__stage.is-current:not(.explainer__stage--none)');
  if (counted && !band) return false;
  parts.push(band || root.querySelector('[data-explainer-scale] svg'));
  return parts.every((el) => {
    if (!el) return false;
    const box = el.getBoundingClientRect();
    return box.height > 0 && box.top >= -1 && box.bottom <= window.innerHeight + 1;
  });
}"""

# Where each part is when a step fails, for the failure message.
WHERE = """(figure) => {
  const root = document.querySelector(figure);
  const box = (sel) => { const el = root.querySelector(sel); if (!el) return null;
    const r = el.getBoundingClientRect(); return [Math.round(r.top), Math.round(r.bottom)]; };
  return { viewport: window.innerHeight, scrollY: window.scrollY,
    control: box('[data-explainer-control]'), title: box('.explainer__stage.is-current h3'),
    line: box('.explainer__stage.is-current .explainer__level'),
    band: box('.explainer-svg__marker:not(.is-hidden)'), picture: box('[data-explainer-scale] svg') };
}"""


@pytest.fixture
def site(home_page, live_server):
    configure_site(home_page)
    place_explainers(home_page, {"explainer": ExplainerFactory()})
    return live_server.url


def phone(chromium, width, height):
    context = chromium.new_context(locale="en-GB", viewport={"width": width, "height": height}, has_touch=True)
    page = context.new_page()
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    return context, page, problems


@pytest.mark.parametrize(("width", "height"), PHONES)
def test_every_slider_step_shows_title_line_and_band_with_the_control(site, chromium, width, height):
    context, page, problems = phone(chromium, width, height)
    page.goto(site + "/")
    page.wait_for_selector(f"{FIGURE}.is-enhanced")
    page.locator(f"{FIGURE}-slider").focus()
    for index in range(1, len(STAGES)):
        page.keyboard.press("ArrowRight")
        page.wait_for_function(f"document.querySelector('{FIGURE}-slider').value === '{index + 1}'")
        try:
            page.wait_for_function(ALL_ON_SCREEN, arg=FIGURE, timeout=10_000)
        except PlaywrightTimeout:
            save_screenshot(page, f"explainer-phone-{width}-step-{index + 1}-off-screen")
            pytest.fail(f"step {index + 1} at {width}x{height}: not all on screen: {page.evaluate(WHERE, FIGURE)}")
        if index == 3:
            save_screenshot(page, f"explainer-phone-{width}-step-3b")
    context.close()
    assert not problems
