"""Events: the index at /events/ (upcoming first, filters, past archive, a calendar feed) and
one page per event (dates in Europe/London, status, registration, "add to calendar", schema.org
data). Registration on the site reuses the forms app: spam protection, answers stored first,
the staff email as a retried background task, entries under Forms in the admin.

The models, by job: event_page.py (EventPage, its rules, what templates show and its routes),
faqs.py (its questions and answers), index_page.py (/events/, /events/past/ and the calendar feed),
registration.py (the questions of an event's registration form). Types, regions, status and
attendance are in ../categories.py and places in ../places.py, beside their rules. All are
importable from here, as before the split."""

from ..categories import Attendance, EventRegion, EventStatus, EventType
from ..places import Place
from .event_page import EventPage
from .faqs import EventFAQ
from .index_page import EventIndexPage
from .registration import EventFormField

__all__ = [
    "Attendance",
    "EventFAQ",
    "EventFormField",
    "EventIndexPage",
    "EventPage",
    "EventRegion",
    "EventStatus",
    "EventType",
    "Place",
]
