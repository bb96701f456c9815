"""What event registration keeps about a person, for the register (core/records/personal_data.py):
the answers to an event's registration form, kept until 12 months after the event."""

from datetime import datetime

from django.db.models import Q

from mrdinfo.core.records.form_submissions import (
    SUBMISSION_FIELDS,
    delete_submissions,
    export_submission,
    find_submissions,
    submissions_of,
)
from mrdinfo.core.records.personal_data import Period, PersonalData, register


def register_personal_data() -> None:
    from .models import EventPage

    def prune(cutoff: datetime) -> int:
        # The clock starts when the event is over; an event with no date yet, when they registered.
        over = EventPage.objects.filter(finishes_at__lt=cutoff).values("pk")
        undated = EventPage.objects.filter(finishes_at__isnull=True).values("pk")
        due = submissions_of(EventPage).filter(Q(page_id__in=over) | Q(page_id__in=undated, submit_time__lt=cutoff))
        return delete_submissions(list(due))

    register(
        PersonalData(
            key="event-registrations",
            what="Registrations for our events",
            holds="What you type in the event's sign-up form: usually your name, email address and any needs",
            lawful_basis="Contract: giving you the place you asked for and telling you about the event",
            period=Period(12, "months", "the event"),
            on_erasure="Deleted, with the email that told staff about it",
            fields=SUBMISSION_FIELDS,
            find=lambda email: find_submissions(EventPage, email),
            erase=delete_submissions,
            export=export_submission,
            prune=prune,
            order=30,
        )
    )
