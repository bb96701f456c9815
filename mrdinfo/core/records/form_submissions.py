"""Wagtail's form answers (FormSubmission) in the personal-data register: shared by every app
whose pages take answers through Wagtail's form builder (form pages, event registrations), so
neither has to import the other. An answer's JSON holds whatever the form asked, the email
among it."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from wagtail.contrib.forms.models import FormSubmission

from mrdinfo.core.records.personal_data import plain, text_mentions

# The answers, and the staff notification that points at them (its text is built when sent).
SUBMISSION_FIELDS = {
    "wagtailforms.FormSubmission": ("form_data",),
    "forms.FormNotification": ("submission", "last_error"),
}


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
