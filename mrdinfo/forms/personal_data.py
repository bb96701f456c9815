"""What form pages keep about a person, for the register (core/records/personal_data.py): answers are
Wagtail FormSubmissions (their JSON holds whatever the form asked, the email among it), and each
one's staff notification is deleted with it (the email's text is built from the answers when it
is sent, never stored)."""

from datetime import datetime

from mrdinfo.core.records.form_submissions import (
    SUBMISSION_FIELDS,
    delete_submissions,
    export_submission,
    find_submissions,
    submissions_of,
)
from mrdinfo.core.records.personal_data import Period, PersonalData, register


def register_personal_data() -> None:
    from .models import FormPage

    def prune(cutoff: datetime) -> int:
        return delete_submissions(list(submissions_of(FormPage).filter(submit_time__lt=cutoff)))

    register(
        PersonalData(
            key="messages",
            what="Messages you send with our contact form (and any other form on the site)",
            holds="Your name, email address, your message and anything else the form asks",
            lawful_basis="Legitimate interests: answering the people who write to us",
            period=Period(12, "months", "you sent it"),
            on_erasure="Deleted, with the email that told staff about it",
            fields=SUBMISSION_FIELDS,
            find=lambda email: find_submissions(FormPage, email),
            erase=delete_submissions,
            export=export_submission,
            prune=prune,
            order=20,
        )
    )
