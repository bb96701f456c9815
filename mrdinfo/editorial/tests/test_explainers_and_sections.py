"""Explainers (snippets with drafts and workflows) go live through the same clinical sign-off;
Fundraising publish their own sections; previews come at phone and desktop widths."""

import pytest

from django.urls import reverse

from wagtail.models import TaskState

from mrdinfo.editorial.models import SignOff
from mrdinfo.editorial.setup import WORKFLOW_NAME, ensure_editorial_setup
from mrdinfo.events.tests.factories import EventIndexPageFactory
from mrdinfo.explainer.models import Explainer
from mrdinfo.explainer.tests.factories import ExplainerFactory

from .factories import SignOffSectionFactory, StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(home_page):
    return StaffFactory.create_team()


def test_an_explainer_change_goes_live_only_when_a_reviewer_approves(team, client):
    explainer = ExplainerFactory()
    editor, reviewer = team["editor"], team["reviewer"]
    assert not editor.has_perm("explainer.publish_explainer")
    assert explainer.get_workflow().name == WORKFLOW_NAME

    client.force_login(editor)
    html = client.get(reverse("wagtailsnippets_explainer_explainer:edit", args=[explainer.pk])).content.decode()
    assert "Submit to Clinical sign-off" in html and 'name="action-publish"' not in html

    draft = Explainer.objects.get(pk=explainer.pk)
    draft.title = "How many cells are left?"
    draft.save_revision(user=editor)
    state = draft.get_workflow().start(draft, editor)
    assert Explainer.objects.get(pk=explainer.pk).title == "How many leukaemia cells are there?"

    state.current_task_state.approve(user=reviewer)
    assert state.current_task_state.status == TaskState.STATUS_APPROVED
    explainer.refresh_from_db()
    assert explainer.title == "How many cells are left?" and explainer.live and not explainer.has_unpublished_changes
    sign_off = SignOff.objects.get(reviewer=reviewer)
    assert sign_off.page is None and sign_off.object_label == "How many cells are left?"


def test_fundraising_publish_events_but_not_other_sections(home_page, team):
    events = EventIndexPageFactory(parent=home_page)
    ensure_editorial_setup()  # load_content does this once the sections exist
    fundraiser = team["fundraiser"]
    assert events.permissions_for_user(fundraiser).can_publish()
    assert events.permissions_for_user(fundraiser).can_add_subpage()
    assert not home_page.permissions_for_user(fundraiser).can_edit()


def test_editors_get_autosave_and_locking(home_page, team, client):
    page = SignOffSectionFactory(parent=home_page).information_page
    client.force_login(team["editor"])
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "w-autosave" in html and 'data-w-autosave-interval-value="500"' in html
    tester = page.permissions_for_user(team["editor"])
    assert tester.can_lock() and tester.can_unlock()


def test_previews_offer_phone_and_desktop_widths(home_page, admin_client):
    page = SignOffSectionFactory(parent=home_page).information_page
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "Preview at phone width (390 px)" in html and "Preview at desktop width (1280 px)" in html
    assert "Preview in tablet size" not in html
    assert [size["device_width"] for size in page.preview_sizes] == [390, 1280]


def test_event_registrations_are_for_fundraising_not_editors(home_page, team, client):
    from wagtail.contrib.forms.models import FormSubmission

    from mrdinfo.events.tests.factories import REGISTRATION_QUESTIONS, EventPageFactory

    events = EventIndexPageFactory(parent=home_page)
    ensure_editorial_setup()
    event = EventPageFactory(parent=events, title="Riverside 10K", days_from_now=10, form_fields=REGISTRATION_QUESTIONS)
    FormSubmission.objects.create(page=event, form_data={"your_name": "Ronnie Runner", "t_shirt_size": "Medium"})
    submissions = reverse("wagtailforms:list_submissions", args=[event.pk])

    client.force_login(team["fundraiser"])
    assert "Riverside 10K" in client.get(reverse("wagtailforms:index")).content.decode()
    response = client.get(submissions)
    assert response.status_code == 200 and "Ronnie Runner" in response.content.decode()

    client.force_login(team["editor"])
    assert "Riverside 10K" not in client.get(reverse("wagtailforms:index")).content.decode()
    response = client.get(submissions)
    assert response.status_code in (302, 403) and b"Ronnie Runner" not in response.content
