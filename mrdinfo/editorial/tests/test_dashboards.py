"""The Editors' and Clinical reviewers' dashboards show their own work, checked against records
made here: the editor's draft and the page they sent for sign-off, the reviewer's page awaiting
their review, and the medical page overdue for review; the admin carries the charity's name."""

import datetime

import pytest

from django.test import Client
from django.urls import reverse

from mrdinfo.information.tests.factories import InformationPageFactory
from mrdinfo.testing.html import select, text

from .factories import SignOffSectionFactory, StaffFactory
from .helpers import submit_for_sign_off, years_ago

pytestmark = pytest.mark.django_db


@pytest.fixture
def work(home_page):
    hub = SignOffSectionFactory(parent=home_page, information_page__last_updated=datetime.date.today())
    page = hub.information_page
    team = StaffFactory.create_team()
    overdue = InformationPageFactory(parent=hub, title="Remission explained", last_updated=years_ago(3))
    draft = InformationPageFactory(parent=hub, title="A page still being written")
    draft.save_revision(user=team["editor"], log_action=True)
    submit_for_sign_off(page, team["editor"], summary="A clearer summary.")
    return {"page": page, "overdue": overdue, "draft": draft, **team}


def section(response, heading):
    """The dashboard panel with this heading, as text."""
    for panel in select(response, "section"):
        title = panel.find(["h2", "h3"])
        if title and heading in " ".join(title.get_text().split()):
            return " ".join(panel.get_text().split())
    found = [" ".join(h.get_text().split()) for h in select(response, "section h2, section h3")]
    raise AssertionError(f"no panel headed {heading!r}: {found}")


def test_the_editors_dashboard_shows_their_drafts_their_pages_in_sign_off_and_overdue_reviews(work, client):
    client.force_login(work["editor"])
    home = client.get(reverse("wagtailadmin_home"))
    edits = section(home, "Your most recent edits")
    assert "A page still being written" in edits
    in_workflow = section(home, "Your pages and snippets in a workflow")
    assert "What is MRD?" in in_workflow and "Clinical review" in in_workflow
    due = text(home, "#review-dates-section")
    assert "Remission explained" in due and "A page still being written" not in due


def test_the_reviewers_dashboard_shows_what_awaits_their_review(work, client):
    client.force_login(work["reviewer"])
    home = client.get(reverse("wagtailadmin_home"))
    awaiting = section(home, "Awaiting your review")
    assert "What is MRD?" in awaiting and "Edna" in awaiting
    assert "A page still being written" not in awaiting
    assert "Remission explained" in text(home, "#review-dates-section")


def test_the_admin_carries_the_charitys_name(work, client):
    client.force_login(work["fundraiser"])
    home = client.get(reverse("wagtailadmin_home"))
    assert "Children with Cancer UK" in text(home, "title") and "mrdinfo" not in text(home, "title").lower()
    assert "Children with Cancer UK" in text(Client().get(reverse("wagtailadmin_login")), "title")
