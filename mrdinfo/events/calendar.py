""" "Add to calendar": an .ics file per event, a feed of every upcoming event, and a Google
Calendar link. Made with the `icalendar` library (RFC 5545) rather than by hand: escaping, line
folding and date forms are easy to get subtly wrong.

Times are written in UTC (RFC 5545 form 2), which every calendar shows in its owner's zone, so
a 10:00 start in London after the clocks change is still 10:00 in London. All-day events are
DATE values, with DTEND the day after the last day (DTEND is exclusive)."""

from datetime import UTC, timedelta
from urllib.parse import urlencode

import icalendar

from django.http import HttpResponse
from django.utils import timezone

PRODID = "-//mrdinfo//Events//EN"
GOOGLE_CALENDAR = "https://calendar.google.com/calendar/render"


def uid(event):
    # The page's translation key is a UUID that never changes, even if the page is moved or renamed:
    # a calendar that imported the event before updates it rather than adding a copy.
    return f"event-{event.translation_key}@mrdinfo"


def location_text(event):
    if event.is_online:
        return "Online"
    parts = [event.venue, *event.address_lines, event.postcode]
    return ", ".join(part for part in parts if part)


def description(event, url):
    lines = []
    if event.status in ("cancelled", "postponed"):
        lines.append(f"{event.get_status_display()}.")
    if event.summary:
        lines.append(event.summary)
    lines.append(url)
    return "\n\n".join(lines)


def all_day_dates(event):
    first = event.local_start.date()
    last = (event.local_end or event.local_start).date()
    return first, last + timedelta(days=1)


def timed_range(event):
    start = event.start.astimezone(UTC)
    end = (event.end or event.start + timedelta(hours=1)).astimezone(UTC)
    return start, end


def vevent(event, request):
    url = event.get_full_url(request)
    item = icalendar.Event()
    item.add("uid", uid(event))
    item.add("dtstamp", (event.last_published_at or timezone.now()).astimezone(UTC))
    item.add("summary", event.title)
    if event.all_day:
        first, after_last = all_day_dates(event)
        item.add("dtstart", first)
        item.add("dtend", after_last)
    else:
        start, end = timed_range(event)
        item.add("dtstart", start)
        item.add("dtend", end)
    item.add("location", location_text(event))
    item.add("description", description(event, url))
    item.add("url", url)
    item.add("status", "CANCELLED" if event.status == "cancelled" else "CONFIRMED")
    return item


def new_calendar(name):
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/London")
    return cal


def single_event(event, request):
    cal = new_calendar(event.title)
    cal.add("method", "PUBLISH")
    cal.add_component(vevent(event, request))
    return cal.to_ical()


def feed(events, request, name):
    cal = new_calendar(name)
    # Calendar apps that subscribe check back about twice a day.
    cal.add("refresh-interval", timedelta(hours=12), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT12H")
    for event in events:
        cal.add_component(vevent(event, request))
    return cal.to_ical()


def google_calendar_url(event, request):
    """A link that opens Google Calendar's "new event" form filled in (nothing is loaded from Google
    until the visitor follows it)."""
    if event.all_day:
        first, after_last = all_day_dates(event)
        dates = f"{first:%Y%m%d}/{after_last:%Y%m%d}"
    else:
        start, end = timed_range(event)
        dates = f"{start:%Y%m%dT%H%M%SZ}/{end:%Y%m%dT%H%M%SZ}"
    query = {
        "action": "TEMPLATE",
        "text": event.title,
        "dates": dates,
        "details": description(event, event.get_full_url(request)),
        "location": location_text(event),
        "ctz": "Europe/London",
    }
    return f"{GOOGLE_CALENDAR}?{urlencode(query)}"


def response(body: str | bytes, filename: str, inline: bool = False) -> HttpResponse:
    """A calendar file as a download (or inline, for a feed calendar apps subscribe to)."""
    answer = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    disposition = "inline" if inline else "attachment"
    answer["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return answer
