"""schema.org Event data: parses, and has Google's required and recommended properties."""

import json

import pytest
from bs4 import BeautifulSoup

from mrdinfo.events.tests.factories import EventIndexPageFactory, EventPageFactory, london
from mrdinfo.testing.factories import ImageFactory

pytestmark = pytest.mark.django_db


def json_ld(client, url):
    """The page's Event data (the page also carries the site-wide graph: charity, breadcrumbs)."""
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    found = [json.loads(script.string) for script in soup.find_all("script", type="application/ld+json")]
    (event,) = [data for data in found if data.get("@type") == "Event"]
    return event


@pytest.fixture
def index(page_tree):
    return EventIndexPageFactory(parent=page_tree["home"])


def test_event_data_has_every_required_and_recommended_property(client, index):
    event = EventPageFactory(
        parent=index,
        title="Riverside 10K",
        start=london(2030, 10, 27, 9, 0),
        end=london(2030, 10, 27, 12, 0),
        image=ImageFactory(title="Runners"),
        entry_fee="20.00",
        registration_url="https://www.example.org/register",
        status="few_places",
    )
    data = json_ld(client, event.url)
    for key in (
        "name",
        "startDate",
        "endDate",
        "location",
        "eventStatus",
        "eventAttendanceMode",
        "image",
        "description",
        "offers",
        "organizer",
    ):
        assert data.get(key), key
    assert data["@context"] == "https://schema.org" and data["@type"] == "Event"
    assert data["startDate"] == "2030-10-27T09:00:00+00:00"  # GMT after the clocks go back
    assert data["endDate"] == "2030-10-27T12:00:00+00:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"]["@type"] == "Place" and data["location"]["address"]["postalCode"] == "SW1A 2AA"
    assert data["image"][0].startswith("http://") and "fill-1200x630" in data["image"][0]
    assert data["offers"] == {
        "@type": "Offer",
        "url": "https://www.example.org/register",
        "price": "20.00",
        "priceCurrency": "GBP",
        "availability": "https://schema.org/LimitedAvailability",
        "validFrom": data["offers"]["validFrom"],
    }
    assert data["organizer"]["@type"] == "Organization" and data["organizer"]["name"] == "Test Charity"
    assert "previousStartDate" not in data


def test_a_postponed_event_keeps_its_earlier_date(client, index):
    event = EventPageFactory(
        parent=index,
        title="Swim",
        start=london(2030, 7, 1, 10),
        status="postponed",
        previous_start=london(2030, 6, 1, 10),
    )
    data = json_ld(client, event.url)
    assert data["eventStatus"] == "https://schema.org/EventRescheduled"
    assert data["previousStartDate"] == "2030-06-01T10:00:00+01:00"


def test_cancelled_and_online_events(client, index):
    cancelled = EventPageFactory(parent=index, title="Cake sale", days_from_now=5, status="cancelled")
    online = EventPageFactory(
        parent=index,
        title="Step challenge",
        days_from_now=5,
        attendance="online",
        venue="",
        address="",
        postcode="",
        all_day=True,
    )
    assert json_ld(client, cancelled.url)["eventStatus"] == "https://schema.org/EventCancelled"
    data = json_ld(client, online.url)
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"]["@type"] == "VirtualLocation" and data["location"]["url"].endswith(online.url)
    assert len(data["startDate"]) == 10  # an all-day event is a date
    assert data["offers"]["price"] == "0.00"


def test_text_cannot_break_out_of_the_script(client, index):
    event = EventPageFactory(parent=index, title="Run </script><script>alert(1)</script>", days_from_now=5)
    html = client.get(event.url).content.decode()
    assert "</script><script>alert(1)" not in html
    assert json_ld(client, event.url)["name"] == "Run </script><script>alert(1)</script>"


def test_the_policy_still_forbids_inline_scripts_on_event_pages(client, index):
    """The JSON-LD needs no CSP exception: the header stays strict (the browser test checks that
    Chromium reports no violation)."""
    event = EventPageFactory(parent=index, title="Run", days_from_now=5)
    policy = client.get(event.url)["Content-Security-Policy"]
    script_src = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
    assert "unsafe-inline" not in script_src and "sha256" not in script_src
