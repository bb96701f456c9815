"""The review digest: each clinical reviewer gets one email listing the medical pages due for
review that are theirs. A page is a reviewer's when they signed it off last; a page nobody has
signed off yet (or whose last reviewer has left the Clinical reviewers group) goes to every
reviewer, so nothing falls between them."""

import logging
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.urls import reverse

from . import review_dates
from .setup import CLINICAL_REVIEWERS

logger = logging.getLogger(__name__)


@dataclass
class Digest:
    reviewer: Any  # a user in the Clinical reviewers group
    pages: list = field(default_factory=list)

    @property
    def subject(self) -> str:
        count = len(self.pages)
        return f"{count} medical page{'s' if count != 1 else ''} due for clinical review"

    def body(self, today: date) -> str:
        base = (getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "").rstrip("/")
        name = self.reviewer.get_full_name() or self.reviewer.get_username()
        lines = [
            f"Dear {name},",
            "",
            f"These pages on the website are overdue for clinical review, or due in the next "
            f"{review_dates.DUE_SOON_DAYS} days:",
            "",
        ]
        for page in self.pages:
            due = page.review_due_date
            state = "OVERDUE since" if due < today else "due"
            reviewed = (
                f"last signed off by {page.clinical_reviewer_name} on {page.clinically_reviewed_on:%-d %B %Y}"
                if page.clinically_reviewed
                else "never clinically reviewed"
            )
            lines += [
                f"- {page.title}: {state} {due:%-d %B %Y} ({reviewed})",
                f"  {base}{reverse('wagtailadmin_pages:edit', args=[page.pk])}",
            ]
        lines += [
            "",
            "Open a page, check it against its sources, and approve it when an editor submits it for "
            "clinical sign-off (or ask the editors to update it first).",
            f"Every page's review dates: {base}{reverse('editorial_review_dates')}",
        ]
        return "\n".join(lines) + "\n"


def build_digests(today: date) -> list[Digest]:
    """Reviewer → Digest of their due pages (reviewers with no due pages are left out)."""
    User = get_user_model()
    reviewers = list(
        User.objects.filter(groups__name=CLINICAL_REVIEWERS, is_active=True).exclude(email="").order_by("pk")
    )
    by_id: dict[int | None, Any] = {user.pk: user for user in reviewers}
    due = review_dates.due_pages(today)
    last = review_dates.last_sign_off_by_page(due)
    digests: dict[int, Digest] = {}
    for page in due:
        sign_off = last.get(page.pk)
        owner = by_id.get(sign_off.reviewer_id) if sign_off else None
        for reviewer in [owner] if owner else reviewers:
            digests.setdefault(reviewer.pk, Digest(reviewer)).pages.append(page)
    return [digests[user.pk] for user in reviewers if user.pk in digests]


def send_digests(today: date, dry_run: bool = False) -> tuple[list[Digest], list[Digest]]:
    """Send each digest; returns (sent, failed). A failed email is logged and goes again with
    tomorrow's digest (the pages are still due)."""
    sent: list[Digest] = []
    failed: list[Digest] = []
    for digest in build_digests(today):
        if dry_run:
            sent.append(digest)
            continue
        try:
            EmailMessage(subject=digest.subject, body=digest.body(today), to=[digest.reviewer.email]).send()
        except Exception as error:  # noqa: BLE001  SMTP, DNS, timeouts (EMAIL_TIMEOUT)
            logger.warning("Review digest to %s failed: %s: %s", digest.reviewer.email, type(error).__name__, error)
            failed.append(digest)
        else:
            sent.append(digest)
    return sent, failed
