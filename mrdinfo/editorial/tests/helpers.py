"""What editors and reviewers do in the sign-off workflow (the staff and the section under
sign-off come from factories.py: StaffFactory, SignOffSectionFactory)."""

import datetime

from wagtail.models import Workflow

from mrdinfo.editorial.setup import WORKFLOW_NAME


def sign_off_workflow():
    return Workflow.objects.get(name=WORKFLOW_NAME)


def submit_for_sign_off(page, user, **changes):
    """What the editor's "Submit to Clinical sign-off" does: a new draft, then the workflow."""
    page = page.get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision(user=user)
    workflow = page.get_workflow()
    assert workflow is not None and workflow.name == WORKFLOW_NAME
    return workflow.start(page, user)


def years_ago(years, today=None):
    today = today or datetime.date.today()
    return today.replace(year=today.year - years)
