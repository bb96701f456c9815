"""Staff accounts in the real groups, and the Understanding MRD section under sign-off."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail.models import Workflow

from mrdinfo.editorial.models import ReviewerProfile
from mrdinfo.editorial.setup import CLINICAL_REVIEWERS, EDITORS, FUNDRAISING, WORKFLOW_NAME, ensure_editorial_setup
from mrdinfo.information.tests.factories import make_hub, make_information_page

PASSWORD = "a-long-test-password"


def make_staff(username, group, **fields):
    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", PASSWORD, first_name=fields.pop("first_name", username.title()), **fields
    )
    user.groups.add(Group.objects.get(name=group))
    return user


def make_medical_section(home, **page_fields):
    """The hub and one information page, then the groups and workflow as load_content leaves them.
    (A live-server test starts from an emptied database, so the setup is run here, not assumed.)"""
    hub = make_hub(home)
    page = make_information_page(
        hub,
        "What is MRD?",
        summary="MRD means the few leukaemia cells left during treatment.",
        body=[("text", "<p>A test can find very few leukaemia cells. It has a limit.</p>")],
        **page_fields,
    )
    ensure_editorial_setup()
    return hub, page


def make_team():
    ensure_editorial_setup()
    editor = make_staff("edna", EDITORS, first_name="Edna", last_name="Editor")
    reviewer = make_staff("rita", CLINICAL_REVIEWERS, first_name="Rita", last_name="Reviewer")
    ReviewerProfile.objects.create(
        user=reviewer, display_name="Dr Rita Reviewer", role="Consultant paediatric haematologist"
    )
    fundraiser = make_staff("fred", FUNDRAISING, first_name="Fred", last_name="Fundraiser")
    return {"editor": editor, "reviewer": reviewer, "fundraiser": fundraiser}


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
