"""Who may publish what: medical pages only through clinical sign-off; approval writes the
reviewer and date onto the page; personal data only for the groups that need it."""

import datetime

import pytest

from django.urls import reverse

from wagtail.models import TaskState

from mrdinfo.editorial.models import SignOff
from mrdinfo.giving.tests.factories import DonationFactory

from .factories import SignOffSectionFactory, StaffFactory
from .helpers import submit_for_sign_off

pytestmark = pytest.mark.django_db


@pytest.fixture
def section(home_page):
    hub = SignOffSectionFactory(parent=home_page)
    page = hub.information_page
    return {"hub": hub, "page": page, **StaffFactory.create_team()}


def approve_url(page, task_state):
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])


def public_html(client, page):
    return client.get(page.url).content.decode()


def test_an_unreviewed_page_says_clinical_review_pending(section, client):
    html = public_html(client, section["page"])
    assert "Clinical review: pending" in html and "Clinically reviewed" not in html


def test_nobody_can_publish_a_medical_page_directly(section, admin_user):
    page = section["page"]
    for user in (section["editor"], section["reviewer"], section["fundraiser"], admin_user):
        assert not page.permissions_for_user(user).can_publish(), user
    assert not section["hub"].permissions_for_user(admin_user).can_publish_subpage()
    # Charity pages stay publishable by editors.
    assert section["hub"].get_parent().specific.permissions_for_user(section["editor"]).can_publish()


def test_the_editor_form_offers_sign_off_not_publish(section, client):
    client.force_login(section["editor"])
    html = client.get(reverse("wagtailadmin_pages:edit", args=[section["page"].pk])).content.decode()
    assert "Submit to Clinical sign-off" in html
    assert 'name="action-publish"' not in html
    # The reviewer fields are shown, not typed: only an approval sets them.
    assert 'name="clinical_reviewer_name"' not in html and "Clinical reviewer" in html


def test_a_page_goes_live_only_after_a_clinical_reviewer_approves(section, client):
    page, editor, reviewer = section["page"], section["editor"], section["reviewer"]
    workflow_state = submit_for_sign_off(page, editor, title="What MRD means")
    page.refresh_from_db()
    assert page.title == "What is MRD?"  # the live page is unchanged while it waits
    assert "What MRD means" not in public_html(client, page)

    # An editor (or anyone outside the group) cannot approve it.
    task_state = workflow_state.current_task_state
    client.force_login(editor)
    client.post(approve_url(page, task_state), {"comment": ""})
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS

    client.force_login(reviewer)
    response = client.post(approve_url(page, task_state), {"comment": "Checked against the sources."})
    assert response.status_code in (200, 302)
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_APPROVED

    page.refresh_from_db()
    today = datetime.date.today()
    assert page.title == "What MRD means" and page.live and not page.has_unpublished_changes
    assert page.clinical_reviewer_name == "Dr Rita Reviewer"
    assert page.clinical_reviewer_role == "Consultant paediatric haematologist"
    assert page.clinically_reviewed_on == today
    sign_off = SignOff.objects.get(page=page)
    assert sign_off.reviewer == reviewer and sign_off.reviewer_name == "Dr Rita Reviewer"

    client.logout()
    html = public_html(client, page)
    # The page's review line names the clinician; its details add their role.
    assert '<span class="review-status">Clinically reviewed by Dr Rita Reviewer on <time' in html
    assert "Clinically reviewed by Dr Rita Reviewer, Consultant paediatric haematologist, on" in html
    assert f'datetime="{today:%Y-%m-%d}"' in html and "Clinical review: pending" not in html


def test_a_reviewer_without_a_profile_is_named_by_their_account(section, client):
    page, reviewer = section["page"], section["reviewer"]
    reviewer.reviewer_profile.delete()
    state = submit_for_sign_off(page, section["editor"])
    state.current_task_state.approve(user=reviewer)
    page.refresh_from_db()
    assert page.clinical_reviewer_name == "Rita Reviewer" and page.clinical_reviewer_role == ""


def test_an_administrator_approving_publishes_without_claiming_a_clinical_review(section, admin_user, client):
    page = section["page"]
    submit_for_sign_off(page, section["editor"], title="Approved by an admin").current_task_state.approve(
        user=admin_user
    )
    page.refresh_from_db()
    assert page.live and page.title == "Approved by an admin"
    assert not page.clinically_reviewed and not SignOff.objects.exists()
    assert "Clinical review: pending" in public_html(client, page)


def test_an_overdue_review_date_restarts_on_sign_off(section):
    page = section["page"]
    page.next_review_due = datetime.date.today() - datetime.timedelta(days=3)
    page.save_revision().publish()
    submit_for_sign_off(page, section["editor"]).current_task_state.approve(user=section["reviewer"])
    page.refresh_from_db()
    assert page.next_review_due is None and page.review_due_date > datetime.date.today() + datetime.timedelta(days=700)


def test_fundraising_cannot_publish_or_open_medical_pages(section, client):
    page, fundraiser = section["page"], section["fundraiser"]
    tester = page.permissions_for_user(fundraiser)
    assert not tester.can_publish() and not tester.can_edit()
    client.force_login(fundraiser)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code in (302, 403)
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), {"action-publish": "1"})
    assert response.status_code in (302, 403)
    page.refresh_from_db()
    assert page.title == "What is MRD?"


def test_fundraising_cannot_see_the_reviewers_queue_or_open_its_tasks(section, client):
    page = section["page"]
    task_state = submit_for_sign_off(page, section["editor"], title="A change for review").current_task_state

    client.force_login(section["reviewer"])
    assert "A change for review" in client.get(reverse("wagtailadmin_home")).content.decode()

    client.force_login(section["fundraiser"])
    assert "A change for review" not in client.get(reverse("wagtailadmin_home")).content.decode()
    for action in ("approve", "reject"):
        response = client.get(reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk]))
        assert response.status_code in (302, 403)
    response = client.get(reverse("wagtailadmin_pages:workflow_preview", args=[page.pk, task_state.task_id]))
    assert response.status_code in (302, 403)
    client.post(reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]))
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS


def test_an_editor_cannot_see_donors_and_fundraising_can(section, client):
    DonationFactory(first_name="Dora", last_name="Donorson", email="dora@example.org", postcode="AB1 2CD")
    url = reverse("donations:index")
    client.force_login(section["editor"])
    response = client.get(url)
    assert response.status_code in (302, 403) and b"Donorson" not in response.content
    client.force_login(section["reviewer"])
    assert b"Donorson" not in client.get(url).content

    client.force_login(section["fundraiser"])
    response = client.get(url)
    assert response.status_code == 200 and b"Donorson" in response.content


def test_only_fundraising_see_subscribers_and_gift_aid(section, client):
    client.force_login(section["editor"])
    for name in ("subscribers:index", "gift_aid:index", "giving_gift_aid_claim"):
        assert client.get(reverse(name)).status_code in (302, 403), name
    client.force_login(section["fundraiser"])
    for name in ("subscribers:index", "gift_aid:index", "giving_gift_aid_claim"):
        assert client.get(reverse(name)).status_code == 200, name


def test_form_answers_need_the_view_permission(section):
    from django.contrib.auth.models import Group

    assert not section["editor"].has_perm("wagtailforms.view_formsubmission")
    assert section["fundraiser"].has_perm("wagtailforms.view_formsubmission")
    assert not Group.objects.get(name="Editors").permissions.filter(content_type__app_label="giving").exists()
