"""What form pages keep about a person, for the register (core/personal_data.py): answers are
Wagtail FormSubmissions (their JSON holds whatever the form asked, the email among it), and each
one's staff notification is deleted with it (the email's text is built from the answers when it
is sent, never stored)."""

from datetime import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from wagtail.contrib.forms.models import FormSubmission

from mrdinfo.core.personal_data import Period, PersonalData, plain, register, text_mentions


def submissions_of(page_model: type[models.Model]) -> models.QuerySet[FormSubmission]:
    content_type = ContentType.objects.get_for_model(page_model)
    return FormSubmission.objects.filter(page__content_type=content_type)


def find_submissions(page_model: type[models.Model], email: str) -> list[FormSubmission]:
    """Answers to pages of this type that mention the address anywhere (it is one of the answers)."""
    needle = email.strip().lower()
    return [
        submission
        for submission in submissions_of(page_model).select_related("page").order_by("submit_time", "pk")
        if text_mentions(submission.form_data, needle)
    ]


def delete_submissions(submissions: list[FormSubmission]) -> int:
    # Their FormNotification rows go with them (on_delete=CASCADE).
    return (
        FormSubmission.objects.filter(pk__in=[submission.pk for submission in submissions])
        .delete()[1]
        .get("wagtailforms.FormSubmission", 0)
    )


def export_submission(submission: FormSubmission) -> dict[str, Any]:
    return {
        "page": submission.page.title,
        "sent_at": plain(submission.submit_time),
        "answers": {name: plain(value) for name, value in submission.form_data.items()},
    }


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
            models=("wagtailforms.FormSubmission", "forms.FormNotification"),
            find=lambda email: find_submissions(FormPage, email),
            erase=delete_submissions,
            export=export_submission,
            prune=prune,
            order=20,
        )
    )
