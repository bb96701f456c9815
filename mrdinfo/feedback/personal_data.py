"""Page feedback in the register of personal data (core/records/personal_data.py): nothing identifying
is asked for, but a comment may name someone, so comments are found by what they say."""

from datetime import datetime

from mrdinfo.core.records.personal_data import Period, PersonalData, fields_of, register


def register_personal_data() -> None:
    from .models import PageFeedback

    register(
        PersonalData(
            key="page-feedback",
            what="Answers to “Was this page helpful?”",
            holds="Your yes or no and any comment, with the page; no name, email or internet address",
            lawful_basis="Legitimate interests: improving our pages",
            period=Period(12, "months", "you sent it"),
            on_erasure="Comments that mention the email address are deleted",
            fields={"feedback.PageFeedback": ("comment",)},
            find=lambda email: list(PageFeedback.objects.filter(comment__icontains=email.strip())),
            erase=lambda items: PageFeedback.objects.filter(pk__in=[item.pk for item in items]).delete()[0],
            export=lambda item: fields_of(item, ("page_id", "helpful", "comment", "created_at")),
            prune=lambda cutoff: _prune(cutoff),
            order=80,
        )
    )


def _prune(cutoff: datetime) -> int:
    from .models import PageFeedback

    return PageFeedback.objects.filter(created_at__lt=cutoff).delete()[0]
