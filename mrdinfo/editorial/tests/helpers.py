"""What editors and reviewers do in the sign-off workflow (the staff and the section under
sign-off come from factories.py: StaffFactory, SignOffSectionFactory)."""

import datetime
import time

from wagtail.admin.models import EditingSession
from wagtail.models import Workflow

from mrdinfo.editorial.setup import WORKFLOW_NAME

from .factories import PASSWORD


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


# In Chromium (the browser tests):
def log_in(tab, live_server, username):
    tab.goto(live_server.url + "/admin/login/")
    tab.get_by_label("Username").fill(username)
    tab.get_by_label("Password").fill(PASSWORD)
    tab.get_by_role("button", name="Sign in").click()
    tab.wait_for_url("**/admin/")


def leave_editor(tab):
    # Leaving the editor releases its editing session with a beacon; wait for the server to
    # handle it before the test database is flushed.
    tab.goto("about:blank")
    deadline = time.monotonic() + 10
    while EditingSession.objects.exists():
        assert time.monotonic() < deadline, "the editor did not release its editing session"
        time.sleep(0.05)
