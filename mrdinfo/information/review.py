"""Review metadata for medical pages: who checked a page, when, and when it is due again.

Shown on the page itself, because parents need to know how current medical information is.
A clinical-review workflow (approval by a named clinician) will build on these fields."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

REVIEW_INTERVAL_YEARS = 2


def years_after(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


class ReviewedPage(models.Model):
    """Who checked this page, when, and when it must be checked again. Shown on the page.

    A clinical-review workflow (approval by a named clinician) will build on these fields."""

    reviewed_by_name = models.CharField(
        "reviewed by",
        max_length=120,
        help_text="The person or team who last checked this page, e.g. “Dr A Smith” or “Information team”.",
    )
    reviewed_by_role = models.CharField(
        "their role",
        max_length=200,
        blank=True,
        help_text="What they do or what they did, e.g. “Consultant paediatric haematologist”.",
    )
    # null=True: a new page may be saved as a draft before it is reviewed; publishing needs a date.
    last_reviewed = models.DateField(null=True, help_text="The date the content was last checked.")
    next_review_due = models.DateField(
        null=True,
        blank=True,
        help_text=f"Leave empty for {REVIEW_INTERVAL_YEARS} years after the last review.",
    )

    review_panels = [
        MultiFieldPanel(
            [
                FieldPanel("reviewed_by_name"),
                FieldPanel("reviewed_by_role"),
                FieldPanel("last_reviewed"),
                FieldPanel("next_review_due"),
            ],
            heading="Review",
            help_text="Shown at the end of the page, so families can see how up to date it is.",
        )
    ]

    class Meta:
        abstract = True

    @property
    def review_due_date(self):
        if self.next_review_due:
            return self.next_review_due
        if self.last_reviewed:
            return years_after(self.last_reviewed, REVIEW_INTERVAL_YEARS)
        return None

    def review_overdue(self, today=None):
        due = self.review_due_date
        return due is not None and due < (today or datetime.date.today())

    def clean(self):
        super().clean()
        if self.next_review_due and self.last_reviewed and self.next_review_due <= self.last_reviewed:
            raise ValidationError({"next_review_due": "The next review must come after the last one."})
