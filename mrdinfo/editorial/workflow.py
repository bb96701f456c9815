"""What happens when a workflow is approved (settings.WAGTAIL_FINISH_WORKFLOW_ACTION).

Wagtail publishes the latest revision when a workflow finishes. For the "Clinical sign-off"
workflow we first write the sign-off onto the page: the approving reviewer's name and role (from
their reviewer profile) and today's date, so the page goes live saying who checked it and when.
The workflow is the authority here: medical pages refuse direct publishing to everyone
(review.py), so the approval publishes without a publish-permission check.

This is a finish action rather than a `workflow_approved` signal handler because that signal is
sent after Wagtail has already published: a handler would have to publish a second revision.
"""

import datetime
import logging
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from .setup import CLINICAL_REVIEWERS

# Wagtail imports this module while it loads its own models (WAGTAIL_FINISH_WORKFLOW_ACTION), so
# models are imported inside the functions. So is review.py, though it is this app's own module:
# it imports wagtail.admin.panels, which is still half-loaded at that moment (an import cycle).

if TYPE_CHECKING:
    from django.contrib.auth.models import User

logger = logging.getLogger(__name__)


def is_clinical_sign_off(workflow: Any) -> bool:
    """A workflow with an approval task for the Clinical reviewers group (whatever it is named)."""
    from wagtail.models import GroupApprovalTask

    return GroupApprovalTask.objects.filter(workflow_tasks__workflow=workflow, groups__name=CLINICAL_REVIEWERS).exists()


def is_clinical_reviewer(user: "User | None") -> bool:
    """Only a member of the Clinical reviewers group (or someone with a reviewer profile) puts
    their name on a page as its clinical reviewer. An administrator who approves a task (Wagtail
    lets superusers approve any) publishes the page, but it still says "Clinical review: pending"."""
    from .models import ReviewerProfile

    if user is None:
        return False
    return user.groups.filter(name=CLINICAL_REVIEWERS).exists() or ReviewerProfile.objects.filter(user=user).exists()


def reviewer_identity(user: "User | None") -> tuple[str, str]:
    """The name and role a sign-off by this user puts on a page."""
    from .models import ReviewerProfile

    profile = ReviewerProfile.objects.filter(user=user).first() if user else None
    if profile:
        return profile.display_name.strip(), profile.role.strip()
    if user is None:
        return "", ""
    return (user.get_full_name().strip() or user.get_username()), ""


def apply_sign_off(page: Any, user: "User | None", today: datetime.date | None = None) -> tuple[str, str]:
    """Set the page's clinical review fields for a sign-off by `user` today (not saved)."""
    from .review import ReviewedPage

    today = today or timezone.localdate()
    name, role = reviewer_identity(user)
    page.clinical_reviewer_name = name
    page.clinical_reviewer_role = role
    page.clinically_reviewed_on = today
    if isinstance(page, ReviewedPage) and page.next_review_due and page.next_review_due <= today:
        # A sign-off starts the review clock again (the default interval from today).
        page.next_review_due = None
    return name, role


def finish_workflow(workflow_state: Any, user: "User | None" = None) -> None:
    from .models import SignOff
    from .review import ReviewedPage

    obj = workflow_state.content_object
    revision = obj.get_latest_revision()
    if not is_clinical_sign_off(workflow_state.workflow):
        # Wagtail's default (e.g. the Moderators approval workflow on other pages).
        revision.publish(user=user)
        return

    instance = revision.as_object()
    label = str(getattr(instance, "title", None) or instance)
    if not is_clinical_reviewer(user):
        logger.warning("%s approved %s but is not a clinical reviewer: published without a sign-off", user, label)
        revision.publish(user=user, skip_permission_checks=True)
        return
    name, role = reviewer_identity(user)
    if isinstance(instance, ReviewedPage):
        apply_sign_off(instance, user)
        # The signed-off content plus the sign-off itself, as a revision by the reviewer.
        revision = instance.save_revision(user=user, log_action=False, clean=False)  # type: ignore[attr-defined]  # ReviewedPage is mixed into Wagtail pages
    revision.publish(user=user, skip_permission_checks=True)
    SignOff.objects.create(
        page=instance if hasattr(instance, "path") else None,
        object_label=label[:255],
        reviewer=user,
        reviewer_name=name,
        reviewer_role=role,
        approved_at=timezone.now(),
    )
    logger.info("Clinical sign-off of %s by %s", label, name)
