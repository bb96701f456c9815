"""Dates and times as people say them (GOV.UK style): "Saturday 14 March 2026, 10am to 4pm"."""


def clock(moment):
    if (moment.hour, moment.minute) == (12, 0):
        return "midday"
    if (moment.hour, moment.minute) == (0, 0):
        return "midnight"
    hour = moment.hour % 12 or 12
    minutes = f":{moment.minute:02d}" if moment.minute else ""
    return f"{hour}{minutes}{'am' if moment.hour < 12 else 'pm'}"


def day(moment):
    return f"{moment:%A} {moment.day} {moment:%B %Y}"


def when(start, end=None, all_day=False):
    """start and end are local (Europe/London) datetimes; end may be None."""
    if all_day:
        if end is None or end.date() == start.date():
            return day(start)
        return f"{day(start)} to {day(end)}"
    if end is None:
        return f"{day(start)}, {clock(start)}"
    if end.date() == start.date():
        return f"{day(start)}, {clock(start)} to {clock(end)}"
    return f"{day(start)}, {clock(start)} to {day(end)}, {clock(end)}"


def money(amount):
    if amount is None:
        return ""
    return f"£{amount:,.0f}" if amount == amount.to_integral_value() else f"£{amount:,.2f}"
