"""Dates and times in content files.

Times are the charity's: Europe/London (settings.TIME_ZONE), stored aware, so an event at
"10:00" is at 10:00 on the clock in London whether the clocks have gone forward or not.

Sample content (events, above all) must stay upcoming whenever it is loaded, so a date may also
be written relative to the day the content is loaded: `+21 days 10:00`, `-6 weeks`, `today 18:30`."""

import re
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

RELATIVE = re.compile(
    r"^\s*(?:today|(?P<sign>[+-])\s*(?P<count>\d{1,4})\s+(?P<unit>days?|weeks?))"
    r"(?:\s+(?P<hour>\d{1,2}):(?P<minute>\d{2}))?\s*$",
    re.IGNORECASE,
)
FORMATS_HELP = "write `2026-10-25`, `2026-10-25 10:00`, or relative to the loading day: `+21 days 10:00`, `-3 weeks`"


def relative_parts(text: str, today: date) -> tuple[date, time | None] | None:
    """(date, time or None) for a relative value such as `+21 days 10:00`, else None."""
    match = RELATIVE.match(text)
    if match is None:
        return None
    day = today
    if match["sign"]:
        days = int(match["count"]) * (7 if match["unit"].lower().startswith("week") else 1)
        day = today + timedelta(days=days if match["sign"] == "+" else -days)
    clock = None
    if match["hour"] is not None:
        clock = time(int(match["hour"]), int(match["minute"]))  # ValueError for 25:00
    return day, clock


def content_date(value: Any, today: date | None = None) -> date:
    """A DateField's value from a content file."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value)
    relative = relative_parts(text, today or timezone.localdate())
    if relative is not None:
        return relative[0]
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{text!r} is not a date: {FORMATS_HELP}") from None


def content_datetime(value: Any, today: date | None = None) -> datetime:
    """A DateTimeField's value from a content file: aware, a wall-clock time in Europe/London
    unless the value gives its own offset. A date alone means midnight."""
    zone = timezone.get_current_timezone()
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime.combine(value, time())
    else:
        text = str(value)
        relative = relative_parts(text, today or timezone.localdate())
        if relative is not None:
            moment = datetime.combine(relative[0], relative[1] or time())
        else:
            try:
                moment = datetime.fromisoformat(text.strip())
            except ValueError:
                raise ValueError(f"{text!r} is not a date and time: {FORMATS_HELP}") from None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, zone)
    return moment
