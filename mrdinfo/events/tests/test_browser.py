"""Events in Chromium: no axe-core violation on the index (filtered and not) or on an event page
(open and cancelled), nothing scrolls sideways at 320 px, and the JSON-LD trips no CSP."""

import mimetypes
from pathlib import Path

import pytest

from django.conf import settings

from mrdinfo.events.tests.factories import (
    REGISTRATION_QUESTIONS,
    EventIndexPageFactory,
    EventPageFactory,
    EventRegionFactory,
    EventTypeFactory,
)
from mrdinfo.testing.browser import assert_no_axe_violations, double_click, posts_to, submissions_received
from mrdinfo.testing.factories import ImageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Record any Content-Security-Policy violation the page causes, from before its first byte runs.
RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__cspViolations.push(event.violatedDirective + ' ' + event.blockedURI);
});
"""


def serve_media(page, base):
    """The test server does not serve uploads (a proxy does in production): hand the browser the
    real files from MEDIA_ROOT so pictures load as they would."""

    def fulfil(route):
        relative = route.request.url.split("/media/", 1)[1].split("?")[0]
        path = Path(settings.MEDIA_ROOT) / relative
        if path.is_file():
            route.fulfill(status=200, body=path.read_bytes(), content_type=mimetypes.guess_type(path.name)[0])
        else:
            route.fulfill(status=404, body=b"")

    page.route(f"{base}/media/**", fulfil)


@pytest.fixture
def events_site(page_tree, live_server):
    types, regions = EventTypeFactory.create_all(), EventRegionFactory.create_all()
    index = EventIndexPageFactory(parent=page_tree["home"])
    picture = ImageFactory(title="Runners on a road")
    open_event = EventPageFactory(
        parent=index,
        title="Riverside 10K",
        days_from_now=12,
        event_type=types["run"],
        region=regions["london"],
        image=picture,
        entry_fee="20",
        fundraising_target="150",
        what_you_get="<ul><li>a T-shirt</li><li>a medal</li></ul>",
        form_fields=REGISTRATION_QUESTIONS,
    )
    cancelled = EventPageFactory(
        parent=index,
        title="Community cake sale",
        days_from_now=6,
        status="cancelled",
        event_type=types["gala"],
        image=picture,
    )
    EventPageFactory(
        parent=index,
        title="Sponsored swim",
        days_from_now=40,
        status="postponed",
        previous_start=open_event.start,
        region=regions["wales"],
    )
    EventPageFactory(
        parent=index,
        title="A million steps, a very long name for a challenge that wraps on a phone",
        days_from_now=3,
        all_day=True,
        attendance="online",
        venue="",
        address="",
        postcode="",
        event_type=types["virtual"],
        region=regions["online"],
    )
    EventPageFactory(parent=index, title="Last year's walk", days_from_now=-60, region=regions["london"])
    return live_server.url, {"open": open_event, "cancelled": cancelled}


def visit(browser_page, url):
    browser_page.add_init_script(RECORD_CSP_VIOLATIONS)
    serve_media(browser_page, url.split("/", 3)[0] + "//" + url.split("/", 3)[2])
    response = browser_page.goto(url)
    assert response.status == 200
    return response


def assert_no_csp_violation(browser_page):
    assert browser_page.evaluate("window.__cspViolations") == []


@pytest.mark.parametrize("path", ["/events/", "/events/?type=run&region=london", "/events/past/"])
def test_the_index_has_no_axe_violation(events_site, browser_page, path):
    base, _ = events_site
    visit(browser_page, base + path)
    assert_no_axe_violations(browser_page)
    assert_no_csp_violation(browser_page)


def test_filtering_without_javascript_keeps_the_choices(events_site, chromium):
    base, _ = events_site
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + "/events/")
    page.get_by_label("Type of event").select_option(label="Run")
    page.get_by_label("Region").select_option(label="London")
    page.get_by_role("button", name="Show events").click()
    page.wait_for_url("**/events/?type=run&region=london&month=")
    assert page.get_by_role("status").filter(has_text="matches").inner_text() == "1 upcoming event matches your choices"
    assert page.get_by_label("Type of event").input_value() == "run"
    assert page.locator(".event-card__title").all_inner_texts() == ["Riverside 10K"]
    context.close()


@pytest.mark.parametrize("which", ["open", "cancelled"])
def test_an_event_page_has_no_axe_violation_and_its_data_passes_the_csp(events_site, browser_page, which):
    base, events = events_site
    visit(browser_page, base + events[which].url)
    assert_no_axe_violations(browser_page)
    # The schema.org block is in the page, read as data, and the policy let it be.
    found = browser_page.evaluate(
        "[...document.querySelectorAll('script[type=\"application/ld+json\"]')].map(s => JSON.parse(s.textContent))"
    )
    (data,) = [item for item in found if item.get("@type") == "Event"]
    assert data["name"] == events[which].title
    assert_no_csp_violation(browser_page)
    if which == "open":
        assert browser_page.evaluate("document.querySelector('.event-image img').naturalWidth") > 0
    else:
        assert browser_page.get_by_role("note").inner_text().startswith("This event has been cancelled")


def test_the_registration_form_has_no_axe_violation_empty_or_with_errors(events_site, browser_page):
    base, events = events_site
    visit(browser_page, base + events["open"].url + "register/")
    assert_no_axe_violations(browser_page)
    browser_page.get_by_label("Your name").fill("Sam")
    browser_page.get_by_role("button", name="Register").click()
    browser_page.wait_for_selector(".error-summary")
    assert browser_page.get_by_label("Your name").input_value() == "Sam"
    assert_no_axe_violations(browser_page)


def test_a_double_click_on_register_takes_one_place_and_thanks(events_site, browser_page, monkeypatch):
    """Issue 19: a double-click on "Register" stores one registration, takes one of the places and
    shows the normal thank-you page (the second request gets the first one's answer)."""
    from playwright.sync_api import expect

    from mrdinfo.events.models import Place

    monkeypatch.setattr("mrdinfo.forms.spam.MIN_SECONDS", 0)  # a person takes longer than a test
    base, events = events_site
    event = events["open"]
    event.places, event.waiting_list = 2, True
    event.save_revision().publish()
    visit(browser_page, base + event.url + "register/")
    browser_page.get_by_label("Your name").fill("Sam Runner")
    browser_page.get_by_label("Your email address").fill("sam@example.org")
    browser_page.get_by_label("T-shirt size").select_option("Medium")
    sent, received = posts_to(browser_page, "/register/"), submissions_received(monkeypatch)
    double_click(browser_page, browser_page.get_by_role("button", name="Register"))
    expect(browser_page.locator("h1")).to_have_text("Thank you, we have your registration")
    assert len(sent) == len(received) == 2, "the double-click should have sent the form twice"
    assert list(Place.objects.filter(event=event).values_list("status", flat=True)) == [Place.CONFIRMED]


@pytest.mark.parametrize("which", ["index", "filtered", "open", "cancelled", "register"])
def test_nothing_scrolls_sideways_at_320px(events_site, chromium, which):
    base, events = events_site
    path = {
        "index": "/events/",
        "filtered": "/events/?type=virtual",
        "open": events["open"].url,
        "cancelled": events["cancelled"].url,
        "register": events["open"].url + "register/",
    }[which]
    context = chromium.new_context(viewport={"width": 320, "height": 640}, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    serve_media(page, base)
    page.goto(base + path)
    overflow = page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")
    if overflow:
        from mrdinfo.testing.browser import save_screenshot

        save_screenshot(page, f"events-320-{which}")
    context.close()
    assert not overflow, f"{path} scrolls sideways at 320px"
