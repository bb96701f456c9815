"""Who a clinical reviewer is, as the pages they sign off will name them."""

from django.conf import settings
from django.db import models

from wagtail.admin.panels import FieldPanel


class ReviewerProfile(models.Model):
    """The name and role a clinical reviewer's sign-off puts on a page ("Dr A Smith, Consultant
    paediatric haematologist"). Editors keep these under Settings → Clinical reviewers; a reviewer
    without one is named by their account's full name and no role."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reviewer_profile",
        help_text="The reviewer's Wagtail account (they must be in the Clinical reviewers group to approve pages).",
    )
    display_name = models.CharField(
        "name shown on pages",
        max_length=120,
        help_text="As families should read it, e.g. “Dr A Smith”.",
    )
    role = models.CharField(max_length=200, help_text="e.g. “Consultant paediatric haematologist”.")

    panels = [FieldPanel("user"), FieldPanel("display_name"), FieldPanel("role")]

    class Meta:
        verbose_name = "clinical reviewer profile"
        ordering = ["display_name"]
        permissions = [("view_review_dates", "Can see review dates of medical pages")]

    def __str__(self) -> str:
        return f"{self.display_name}, {self.role}" if self.role else self.display_name


class SignOff(models.Model):
    """One clinical approval: who approved which page (or explainer) and when. The page's own
    review fields show the latest; this keeps them all, and tells the review digest whose pages
    are whose."""

    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="clinical_sign_offs"
    )
    object_label = models.CharField(max_length=255, help_text="What was approved, as it was titled then.")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    reviewer_name = models.CharField(max_length=120)
    reviewer_role = models.CharField(max_length=200, blank=True)
    approved_at = models.DateTimeField()

    class Meta:
        ordering = ["-approved_at"]
        get_latest_by = "approved_at"

    def __str__(self) -> str:
        return f"{self.object_label} approved by {self.reviewer_name}"
