"""Review metadata for medical pages: when a page was first published and last updated, when it
is due to be checked again, and whether a named clinician has reviewed it.

Shown on the page itself, because parents need to know how current medical information is and
whether a doctor has checked it. A page is *clinically reviewed* only when a named reviewer and
the date of their review are both set. Nothing else counts: a page loaded from content/ (or
written by the information team) says "Clinical review: pending" until a clinician signs off.
The clinical-review workflow sets clinical_reviewer_name, clinical_reviewer_role and
clinically_reviewed_on; the content loader refuses them (CONTENT_FIELDS_NOT_LOADED), so a file
can never claim a review that did not happen.

Clinical review has one home, this app: the review fields and the "who may publish" rule here,
the workflow that signs a page off (workflow.py), and the review dates report and digest
(review_dates.py, digest.py). Content apps mix ReviewedPage into their medical pages, so this
module imports none of them (an import-linter contract in pyproject.toml holds editorial to that)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import PagePermissionTester

REVIEW_INTERVAL_YEARS = 2
CLINICAL_REVIEW_FIELDS = ("clinical_reviewer_name", "clinical_reviewer_role", "clinically_reviewed_on")


def years_after(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


class SignOffRequiredPermissionTester(PagePermissionTester):
    """Medical pages go live only through the "Clinical sign-off" workflow (workflow.py):
    nobody, however senior, publishes one straight from the editor; they submit it, and a
    clinical reviewer's approval publishes it. Everything else (edit, unpublish, lock) is as the
    user's page permissions say."""

    def can_publish(self):
        return False

    def can_publish_subpage(self):
        return False


class ReviewedPage(models.Model):
    """When this page was last updated and is next due a check, and who (if anyone) reviewed it
    clinically. Shown on the page."""

    # Set by the clinical-review workflow, never by content files (see the module docstring).
    CONTENT_FIELDS_NOT_LOADED = CLINICAL_REVIEW_FIELDS

    clinical_reviewer_name = models.CharField(
        "clinical reviewer",
        max_length=120,
        blank=True,
        help_text="The named clinician who checked this page, e.g. “Dr A Smith”. Leave empty until a "
        "clinician has signed it off: the page then says “Clinical review: pending”.",
    )
    clinical_reviewer_role = models.CharField(
        "their role",
        max_length=200,
        blank=True,
        help_text="e.g. “Consultant paediatric haematologist”.",
    )
    clinically_reviewed_on = models.DateField(
        "clinical review date", null=True, blank=True, help_text="The date the clinician signed the page off."
    )
    # null=True: a new page may be saved as a draft first; publishing needs a date.
    last_updated = models.DateField(
        null=True, help_text="The date the content was last checked against its sources and updated."
    )
    next_review_due = models.DateField(
        null=True,
        blank=True,
        help_text=f"Leave empty for {REVIEW_INTERVAL_YEARS} years after the last update or clinical review.",
    )

    review_panels = [
        MultiFieldPanel(
            [
                FieldPanel("last_updated"),
                FieldPanel("next_review_due"),
                # Written by a clinical reviewer's approval, never typed: a page cannot claim a
                # review that did not happen.
                FieldPanel("clinical_reviewer_name", read_only=True),
                FieldPanel("clinical_reviewer_role", read_only=True),
                FieldPanel("clinically_reviewed_on", read_only=True),
            ],
            heading="Review",
            help_text="Shown at the end of the page, so families can see how up to date it is and whether a "
            "clinician has checked it. The clinical reviewer and date are set when a clinical reviewer approves "
            "the page (Submit for clinical sign-off).",
        )
    ]

    class Meta:
        abstract = True

    def permissions_for_user(self, user):
        return SignOffRequiredPermissionTester(user, self)

    @property
    def clinically_reviewed(self):
        """True only when a named clinician and the date of their review are both recorded."""
        return bool(self.clinical_reviewer_name.strip() and self.clinically_reviewed_on)

    def clinical_review(self):
        """The clinician's sign-off for structured data (core/sharing/metadata.py), or None before one."""
        if not self.clinically_reviewed:
            return None
        return {
            "date": self.clinically_reviewed_on,
            "name": self.clinical_reviewer_name.strip(),
            "role": self.clinical_reviewer_role.strip(),
        }

    @property
    def first_published_on(self) -> datetime.date | None:
        published = getattr(self, "first_published_at", None)
        return published.date() if published else None

    @property
    def last_updated_on(self) -> datetime.date | None:
        """The "Last updated" date a reader sees: never earlier than "First published". Text
        checked against its sources before the page first went live (a content file's date, or a
        draft's) was last updated when it was published."""
        published = self.first_published_on
        if self.last_updated and published:
            return max(self.last_updated, published)
        return self.last_updated or None

    @property
    def review_due_date(self):
        if self.next_review_due:
            return self.next_review_due
        checked = [day for day in (self.last_updated, self.clinically_reviewed_on) if day]
        return years_after(max(checked), REVIEW_INTERVAL_YEARS) if checked else None

    def review_overdue(self, today=None):
        due = self.review_due_date
        return due is not None and due < (today or datetime.date.today())

    def clean(self):
        super().clean()
        errors = {}
        latest = max((day for day in (self.last_updated, self.clinically_reviewed_on) if day), default=None)
        if self.next_review_due and latest and self.next_review_due <= latest:
            errors["next_review_due"] = "The next review must come after the last update or review."
        # A clinical review is a named person on a date: half a record would read as a review.
        if (self.clinical_reviewer_name.strip() or self.clinical_reviewer_role.strip()) and not (
            self.clinically_reviewed_on
        ):
            errors["clinically_reviewed_on"] = "Give the date of the clinical review, or clear the reviewer."
        if self.clinically_reviewed_on and not self.clinical_reviewer_name.strip():
            errors["clinical_reviewer_name"] = "Name the clinician who reviewed the page, or clear the date."
        if errors:
            raise ValidationError(errors)
