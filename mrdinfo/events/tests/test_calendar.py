"""Add to calendar: the .ics file and the feed parse back with icalendar, with the right times in
London on both sides of a clock change, and all-day events as dates."""

from datetime import date, timedelta
from urllib.parse import parse_qs, urlparse
from zoneinfo import ZoneInfo

import icalendar
import pytest

from mrdinfo.events.tests.factories import EventIndexPageFactory, EventPageFactory, london

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def index(page_tree):
    return EventIndexPageFactory(parent=page_tree["home"])


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def test_an_event_across_the_october_clock_change_keeps_its_london_times(client, index):
    # Clocks go back at 02:00 on Sunday 25 October 2026: Saturday is BST (UTC+1), Sunday is GMT.
    event = EventPageFactory(
        parent=index, title="Night walk", start=london(2026, 10, 24, 19, 0), end=london(2026, 10, 25, 9, 30)
    )
    response = client.get(event.url + "calendar/")
    assert response["Content-Disposition"] == 'attachment; filename="night-walk.ics"'
    (vevent,) = parse(response).walk("VEVENT")
    start, end = vevent.decoded("dtstart"), vevent.decoded("dtend")
    assert start.astimezone(LONDON).replace(tzinfo=None).isoformat() == "2026-10-24T19:00:00"
    assert end.astimezone(LONDON).replace(tzinfo=None).isoformat() == "2026-10-25T09:30:00"
    assert start.utcoffset() == timedelta(0) and start.hour == 18  # stored and sent as UTC: 19:00 BST
    assert end.hour == 9  # 09:30 GMT is 09:30 UTC
    assert end - start == timedelta(hours=15, minutes=30)  # the extra hour of the night is counted
    assert str(vevent["uid"]) == f"event-{event.translation_key}@mrdinfo"
    assert vevent.decoded("dtstamp").tzinfo is not None
    assert str(vevent["summary"]) == "Night walk"
    assert str(vevent["location"]) == "Riverside Park, Embankment Road, London, SW1A 2AA"
    assert str(vevent["status"]) == "CONFIRMED"


def test_march_clock_change(client, index):
    # Clocks go forward at 01:00 on Sunday 29 March 2026.
    saturday = EventPageFactory(parent=index, title="Saturday run", start=london(2026, 3, 28, 10, 0))
    sunday = EventPageFactory(parent=index, title="Sunday run", start=london(2026, 3, 29, 10, 0))
    for event, utc_hour in ((saturday, 10), (sunday, 9)):
        (vevent,) = parse(client.get(event.url + "calendar/")).walk("VEVENT")
        start = vevent.decoded("dtstart")
        assert start.hour == utc_hour and start.astimezone(LONDON).hour == 10


def test_an_all_day_event_is_dates_with_an_exclusive_end(client, index):
    event = EventPageFactory(
        parent=index, title="Weekend trek", start=london(2026, 6, 13), end=london(2026, 6, 14), all_day=True
    )
    (vevent,) = parse(client.get(event.url + "calendar/")).walk("VEVENT")
    assert vevent.decoded("dtstart") == date(2026, 6, 13)
    assert vevent.decoded("dtend") == date(2026, 6, 15)
    assert "VALUE=DATE" in vevent.to_ical().decode()


def test_the_uid_is_stable_when_the_event_changes(client, index):
    event = EventPageFactory(parent=index, title="Gala", days_from_now=30)
    (before,) = parse(client.get(event.url + "calendar/")).walk("VEVENT")
    event.title = "Winter gala"
    event.slug = "winter-gala"
    event.save_revision().publish()
    event.refresh_from_db()
    (after,) = parse(client.get(event.url + "calendar/")).walk("VEVENT")
    assert str(after["uid"]) == str(before["uid"]) and str(after["summary"]) == "Winter gala"


def test_a_cancelled_event_is_cancelled_in_calendars(client, index):
    event = EventPageFactory(parent=index, title="Cake sale", days_from_now=3, status="cancelled")
    (vevent,) = parse(client.get(event.url + "calendar/")).walk("VEVENT")
    assert str(vevent["status"]) == "CANCELLED"


def test_the_feed_has_every_upcoming_event_and_no_past_one(client, index):
    EventPageFactory(parent=index, title="Later", days_from_now=40)
    EventPageFactory(parent=index, title="Sooner", days_from_now=4)
    EventPageFactory(parent=index, title="Over", days_from_now=-4)
    EventPageFactory(
        parent=index, title="Clock change", start=london(2030, 10, 27, 10, 0)
    )  # Sunday the clocks go back: GMT
    cal = parse(client.get("/events/calendar-feed/"))
    events = {str(v["summary"]): v for v in cal.walk("VEVENT")}
    assert set(events) == {"Sooner", "Later", "Clock change"}
    assert len({str(v["uid"]) for v in events.values()}) == 3
    assert events["Clock change"].decoded("dtstart").astimezone(LONDON).hour == 10
    assert events["Clock change"].decoded("dtstart").hour == 10  # GMT = UTC
    assert "Test Charity" in str(cal["x-wr-calname"])


def test_the_pages_link_to_the_calendar_files(client, index):
    event = EventPageFactory(parent=index, title="Run", start=london(2030, 7, 1, 9, 0), end=london(2030, 7, 1, 12, 0))
    html = client.get(event.url).content.decode()
    assert f'href="{event.url}calendar/"' in html
    assert 'href="/events/calendar-feed/"' in client.get("/events/").content.decode()


def test_google_calendar_link_carries_utc_times(client, index):
    from bs4 import BeautifulSoup

    event = EventPageFactory(parent=index, title="Run", start=london(2030, 7, 1, 9, 0), end=london(2030, 7, 1, 12, 0))
    soup = BeautifulSoup(client.get(event.url).content, "html.parser")
    link = soup.find("a", string="Add to Google Calendar")["href"]
    parsed = urlparse(link)
    assert parsed.netloc == "calendar.google.com"
    query = parse_qs(parsed.query)
    assert query["dates"] == ["20300701T080000Z/20300701T110000Z"]  # 09:00 BST
    assert query["text"] == ["Run"] and query["action"] == ["TEMPLATE"]
