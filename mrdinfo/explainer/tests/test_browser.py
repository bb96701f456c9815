"""The explainer in a real browser (Debian's Chromium): keyboard, touch, the URL, the live
region, reduced motion, forced colours, 320 px, no layout shift, several explainers, and
axe-core with and without JavaScript. Screenshots go to test-artifacts/."""

import re

import pytest

from mrdinfo.explainer.tests.factories import STAGES, ExplainerFactory, place_explainers
from mrdinfo.testing.browser import assert_no_axe_violations, save_screenshot
from mrdinfo.testing.site import configure_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


NAMES = [stage["name"] for stage in STAGES]
ANCHORS = [stage["link_name"] for stage in STAGES]
# Stage headings: "Stage 3 of 6, one of 3 possible results: First MRD result: none found".
POSITIONS = [
    "Stage 1 of 6",
    "Stage 2 of 6",
    "Stage 3 of 6, one of 3 possible results",
    "Stage 3 of 6, one of 3 possible results",
    "Stage 3 of 6, one of 3 possible results",
    "Stage 4 of 6",
    "Stage 5 of 6",
    "Stage 6 of 6",
]
HEADINGS = [f"{position}: {name}" for position, name in zip(POSITIONS, NAMES, strict=True)]
SLIDER = "#cells-in-the-body-slider"


@pytest.fixture
def site(home_page, live_server):
    configure_site(home_page)
    explainer = ExplainerFactory()
    place_explainers(home_page, {"explainer": explainer})
    return live_server.url


@pytest.fixture
def two_explainers(home_page, live_server):
    configure_site(home_page)
    explainer = ExplainerFactory()
    place_explainers(home_page, {"explainer": explainer}, {"explainer": explainer, "heading": "The same, again"})
    return live_server.url


def open_context(chromium, **options):
    """A context of our own (JavaScript off, reduced motion, a phone) that still fails the test
    on any script error or CSP violation, as the browser_page fixture does."""
    context = chromium.new_context(locale="en-GB", **options)
    page = context.new_page()
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.problems = problems
    return context, page


def ready(page, figure="#cells-in-the-body"):
    page.wait_for_selector(f"{figure}.is-enhanced")


def scrolling_stopped(page):
    """Wait until the page has not scrolled for a few frames: a step may glide the figure up, and
    a pointer aimed at the slider before the glide ends lands somewhere else."""
    page.wait_for_function(
        """() => new Promise((resolve) => {
            let last = window.scrollY, still = 0;
            const frame = () => {
                still = window.scrollY === last ? still + 1 : 0;
                last = window.scrollY;
                if (still >= 5) resolve(true); else requestAnimationFrame(frame);
            };
            requestAnimationFrame(frame);
        })"""
    )


def current_stage(page, figure="#cells-in-the-body"):
    """The stage a sighted reader sees: the one visible panel's heading."""
    return page.evaluate(
        """(figure) => [...document.querySelectorAll(figure + ' .explainer__stage')]
            .filter((li) => li.querySelector('h3').checkVisibility({ visibilityProperty: true }))
            .map((li) => li.querySelector('h3').textContent.replace(/\\s+/g, ' ').trim())""",
        figure,
    )


def test_keyboard_moves_through_every_stage(site, browser_page):
    page = browser_page
    page.goto(site + "/")
    ready(page)
    slider = page.locator(SLIDER)
    slider.focus()
    history_length = page.evaluate("history.length")
    assert current_stage(page) == [HEADINGS[0]]
    for index in range(1, 8):
        page.keyboard.press("ArrowRight")
        assert current_stage(page) == [HEADINGS[index]]
        assert slider.get_attribute("aria-valuetext").startswith(NAMES[index] + ":")
        assert slider.input_value() == str(index + 1)
        assert page.evaluate("location.hash") == f"#cells-in-the-body-{ANCHORS[index]}"
        status = page.locator("#cells-in-the-body [role=status]")
        page.wait_for_function(
            "([el, name]) => el.textContent.startsWith(name + ':')", arg=[status.element_handle(), NAMES[index]]
        )
    page.keyboard.press("Home")
    assert current_stage(page) == [HEADINGS[0]]
    page.keyboard.press("PageDown")  # at the start already: stays put
    assert slider.input_value() == "1"
    page.keyboard.press("PageUp")
    assert current_stage(page) == [HEADINGS[2]]
    page.keyboard.press("End")
    assert current_stage(page) == [HEADINGS[7]]
    # A stage with no count says what is happening (its first sentence), never "no number".
    assert slider.get_attribute("aria-valuetext") == "After treatment: Cure is judged over years."
    for _ in range(5):
        page.keyboard.press("ArrowLeft")
    assert slider.get_attribute("aria-valuetext") == (
        "First MRD result: none found: none found, fewer than 1 in 10,000 cells in the marrow sample. "
        "Not found is not the same as zero. One of three possible results"
    )
    # Moving through the stages did not fill the back button's history.
    assert page.evaluate("history.length") == history_length
    # The live region speaks once a run of key presses ends, with what each method can find.
    page.wait_for_function(
        "el => el.textContent.includes('Newer tests might find some')",
        arg=page.locator("#cells-in-the-body [role=status]").element_handle(),
    )
    assert_no_axe_violations(page)


def test_a_stage_link_opens_on_that_stage(site, browser_page):
    page = browser_page
    page.goto(site + "/#cells-in-the-body-mrd-none-found")
    ready(page)
    assert current_stage(page) == [HEADINGS[2]]
    assert page.locator(SLIDER).input_value() == "3"
    assert page.locator(".explainer__tick[aria-current]").text_content().split()[0] == "3a"
    # The picture marks "none found" with a dashed band on the sample part of the scale.
    assert page.locator(".explainer-svg__marker--unknown:not(.is-hidden)").count() == 1
    assert "Now: stage 3a" in page.locator("[data-explainer-scale] svg").text_content()
    # Following another stage's link on the same page moves the explainer too.
    page.evaluate("location.hash = '#cells-in-the-body-remission'")
    page.wait_for_function("() => document.querySelector('#cells-in-the-body-slider').value === '2'")
    assert current_stage(page) == [HEADINGS[1]]
    assert_no_axe_violations(page)


def test_the_picture_is_one_tall_scale_with_readable_labels_a_band_and_each_tests_floor(site, chromium):
    context, page = open_context(chromium, viewport={"width": 390, "height": 844})
    page.goto(site + "/#cells-in-the-body-mrd-found-low")
    ready(page)
    svg = page.locator("[data-explainer-scale] svg")
    box = svg.bounding_box()
    assert box["height"] > box["width"], "the scale is tall, not two small charts side by side"
    sizes = page.evaluate(
        """() => [...document.querySelectorAll('[data-explainer-scale] text, [data-explainer-scale] tspan')]
            .map((t) => parseFloat(getComputedStyle(t).fontSize))"""
    )
    assert sizes and min(sizes) >= 14, sizes
    labels = svg.text_content()
    for words in (
        "a million million",
        "10¹²",
        "1 in 10,000",
        "Microscope",
        "MRD test",
        "MRD test, at best",
        "Newer tests",
    ):
        assert words in labels, words
    assert labels.index("a million million") < labels.index("10¹²")  # words first
    # This stage's cells are a band between 1 in 10,000 and 1 in 100,000, on the sample part.
    bands = page.locator(".explainer-svg__marker:not(.is-hidden)")
    assert bands.count() == 1
    band = bands.bounding_box()
    assert band["width"] >= box["width"] - 1 and band["height"] > 20
    # Nothing in the picture is drawn outside it (nothing cut off at the edge of a phone).
    outside = page.evaluate(
        """() => { const svg = document.querySelector('[data-explainer-scale] svg').getBoundingClientRect();
            return [...document.querySelectorAll('[data-explainer-scale] text')].map((t) => t.getBoundingClientRect())
                .filter((r) => r.left < svg.left - 1 || r.right > svg.right + 1).length; }"""
    )
    assert outside == 0
    save_screenshot(page, "explainer-scale-390")
    context.close()
    assert not page.problems


def test_no_axe_violations_at_any_stage(site, browser_page):
    page = browser_page
    page.goto(site + "/")
    ready(page)
    page.locator(SLIDER).focus()
    for index in range(8):
        if index:
            page.keyboard.press("ArrowRight")
        assert current_stage(page) == [HEADINGS[index]]
        # The card is as tall as what it holds: no space kept for a taller stage.
        empty = page.evaluate(
            """() => { const card = document.querySelector('#cells-in-the-body .explainer__stage.is-current');
                const last = [...card.children].filter((child) => child.checkVisibility()).pop();
                return card.getBoundingClientRect().bottom - last.getBoundingClientRect().bottom; }"""
        )
        assert empty < 48, f"{HEADINGS[index]}: {empty}px of empty space at the bottom of the card"
        assert_no_axe_violations(page)


def test_without_javascript_everything_is_there_as_text_and_a_table(site, chromium):
    context, page = open_context(chromium, java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page.goto(site + "/")
    for name in NAMES:
        assert page.get_by_role("heading", name=re.compile(re.escape(name) + "$")).is_visible()
    rows = page.locator(".explainer__table tbody tr")
    assert rows.count() == 8
    for row in range(8):
        assert rows.nth(row).is_visible()
    assert page.locator(".explainer__table thead th").all_text_contents()[2:] == [
        "Microscope (finds 1 in 100)",
        "MRD test by PCR (finds 1 in 10,000 to 1 in 100,000)",
        "Newer tests (finds 1 in 1,000,000)",
    ]
    body_text = page.locator("#cells-in-the-body").inner_text()
    assert "up to about a million million" in body_text and "1,000,000,000,000" not in body_text
    assert "Not found is not the same as none." in body_text
    # The slider and the picture need the script, so they are not shown at all.
    assert not page.locator(SLIDER).is_visible()
    assert not page.locator("[data-explainer-picture]").is_visible()
    save_screenshot(page, "explainer-no-js-1280")
    context.close()
    assert not page.problems


def test_it_prints_every_stage(site, browser_page):
    page = browser_page
    page.goto(site + "/#cells-in-the-body-remission")
    ready(page)
    page.emulate_media(media="print")
    assert current_stage(page) == HEADINGS
    assert not page.locator(SLIDER).is_visible() and not page.locator("[data-explainer-picture]").is_visible()
    assert page.locator(".explainer__table tbody tr").nth(7).is_visible()


def test_no_axe_violations_without_javascript(site, chromium):
    """axe-core is itself a script, and Chromium runs no timers with JavaScript off, so axe
    cannot run there. Instead: the same page with the explainer's script not run and its
    stylesheet's `scripting: enabled` rules switched off, which is exactly how a browser
    without scripting lays it out (checked against the real thing below)."""
    context, page = open_context(chromium, viewport={"width": 1280, "height": 900})

    def stylesheet_without_scripting(route):
        css = route.fetch().text().replace("@media (scripting: enabled)", "@media not all")
        route.fulfill(status=200, content_type="text/css", body=css)

    page.route("**/explainer/explainer.css", stylesheet_without_scripting)
    page.route("**/explainer/explainer.js", lambda route: route.fulfill(content_type="text/javascript", body=""))
    page.goto(site + "/")
    visible = page.evaluate(
        "[...document.querySelectorAll('#cells-in-the-body *')].filter((e) => e.checkVisibility()).length"
    )
    assert not page.locator(SLIDER).is_visible()
    assert_no_axe_violations(page)
    context.close()
    assert not page.problems

    real_context, real_page = open_context(chromium, java_script_enabled=False, viewport={"width": 1280, "height": 900})
    real_page.goto(site + "/")
    assert (
        real_page.evaluate(
            "[...document.querySelectorAll('#cells-in-the-body *')].filter((e) => e.checkVisibility()).length"
        )
        == visible
    ), "the stand-in differs from a browser without JavaScript"
    real_context.close()


def test_with_reduced_motion_nothing_animates(site, chromium):
    # Transitions are counted as they start (transitionrun), not sampled afterwards: a 0.4 s glide can be
    # over before a busy CI machine gets round to looking, and a sample would then see nothing either way.
    results = {}
    for motion in ("no-preference", "reduce"):
        context, page = open_context(chromium, reduced_motion=motion, viewport={"width": 1280, "height": 900})
        page.goto(site + "/")
        ready(page)
        page.evaluate(
            """() => {
                window.transitionsStarted = 0;
                document.addEventListener('transitionrun', () => { window.transitionsStarted += 1; });
            }"""
        )
        page.locator(SLIDER).focus()
        page.keyboard.press("ArrowRight")
        if motion == "no-preference":
            page.wait_for_function("() => window.transitionsStarted > 0", timeout=5000)
        else:
            # Long enough for any 0.4 s transition to have started and finished.
            page.wait_for_timeout(800)
        results[motion] = page.evaluate(
            """() => ({
                started: window.transitionsStarted > 0,
                duration: getComputedStyle(document.querySelector('.explainer-svg__marker')).transitionDuration,
            })"""
        )
        context.close()
        assert not page.problems
    # The test can fail: with motion allowed, the marker and dots do glide.
    assert results["no-preference"]["started"]
    assert results["no-preference"]["duration"] != "0s"
    assert results["reduce"] == {"started": False, "duration": "0s"}


def test_touch_and_pointer_change_the_stage(site, chromium):
    context, page = open_context(chromium, has_touch=True, is_mobile=True, viewport={"width": 390, "height": 844})
    page.goto(site + "/")
    ready(page)
    page.locator(".explainer__tick").nth(2).tap()
    assert current_stage(page) == [HEADINGS[2]]
    scrolling_stopped(page)
    box = page.locator(SLIDER).bounding_box()
    page.mouse.click(box["x"] + box["width"] - 4, box["y"] + box["height"] / 2)  # the end of the track
    assert current_stage(page) == [HEADINGS[7]]
    assert page.evaluate("location.hash") == "#cells-in-the-body-after-treatment"
    context.close()
    assert not page.problems


def test_forced_colours_still_show_the_current_stage(site, browser_page):
    page = browser_page
    page.emulate_media(forced_colors="active")
    page.goto(site + "/#cells-in-the-body-remission")
    ready(page)
    assert current_stage(page) == [HEADINGS[1]]
    widths = page.evaluate(
        "[...document.querySelectorAll('.explainer__tick')].map((t) => getComputedStyle(t).borderTopWidth)"
    )
    assert widths[1] != widths[0] and widths.count(widths[1]) == 1  # the current stage's ring is thicker
    assert page.evaluate("matchMedia('(forced-colors: active)').matches")
    assert "Now: stage 2, End of the first month" in page.locator("[data-explainer-scale] svg").text_content()
    save_screenshot(page, "explainer-forced-colours-1280")


@pytest.mark.parametrize("width", [320, 1280])
def test_screenshots_no_sideways_scroll_and_no_layout_shift(site, chromium, width):
    context, page = open_context(chromium, viewport={"width": width, "height": 900})
    page.add_init_script(
        """window.__shift = 0;
        new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shift += entry.value;
        }).observe({ type: 'layout-shift', buffered: true });"""
    )
    # Each request waits 300 ms, as on a hospital's busy wifi: Chromium would paint the page while
    # explainer.js is still coming, unless the page holds its first paint for it (it must).
    network = context.new_cdp_session(page)
    network.send("Network.enable")
    network.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 300, "downloadThroughput": -1, "uploadThroughput": -1},
    )
    # Open on a stage other than the first, so the script changes the stage as it starts.
    page.goto(site + "/#cells-in-the-body-mrd-found-low")
    ready(page)
    page.wait_for_timeout(300)
    assert page.evaluate("window.__shift") == 0, "the page moved when the script started"
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    assert page.locator("[data-explainer-scale] svg").bounding_box()["width"] <= width
    assert_no_axe_violations(page)
    save_screenshot(page, f"explainer-{width}")
    context.close()
    assert not page.problems


def test_two_explainers_on_a_page_do_not_interfere(two_explainers, browser_page):
    page = browser_page
    page.goto(two_explainers + "/#cells-in-the-body-2-mrd-none-found")
    ready(page)
    ready(page, "#cells-in-the-body-2")
    assert current_stage(page) == [HEADINGS[0]]
    assert current_stage(page, "#cells-in-the-body-2") == [HEADINGS[2]]
    page.locator(SLIDER).focus()
    page.keyboard.press("ArrowRight")
    assert current_stage(page) == [HEADINGS[1]]
    assert current_stage(page, "#cells-in-the-body-2") == [HEADINGS[2]]
    assert page.evaluate("location.hash") == "#cells-in-the-body-remission"
    page.wait_for_function("() => document.querySelector('#cells-in-the-body [role=status]').textContent !== ''")
    assert page.locator("#cells-in-the-body-2 [role=status]").text_content() == ""
    page.locator("#cells-in-the-body-2 .explainer__tick").nth(7).click()
    assert current_stage(page, "#cells-in-the-body-2") == [HEADINGS[7]]
    assert current_stage(page) == [HEADINGS[1]]
    # Linked once with the blocks, and once in <head> to hold the first paint; run once.
    assert page.locator('body script[src$="explainer.js"]').count() == 1
    assert page.locator('head script[src$="explainer.js"][blocking="render"]').count() == 1
    assert_no_axe_violations(page)
