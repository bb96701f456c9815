"""The editors' guide is in the admin (Help menu), and editors keep reviewers' names and roles."""

import pytest

from django.urls import reverse

from mrdinfo.editorial.models import ReviewerProfile

from .factories import StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(db):
    return StaffFactory.create_team()


def test_every_staff_member_can_read_the_editors_guide_from_the_help_menu(team, client):
    guide = reverse("editorial_editors_guide")
    for user in team.values():
        client.force_login(user)
        dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
        assert guide in dashboard, user  # linked from Help
        html = client.get(guide).content.decode()
        for section in ("Writing for parents", "The glossary", "The explainer block", "Clinical sign-off"):
            assert section in html, section
        assert "Review dates" in html and "Events and appeals" in html
    client.logout()
    assert client.get(guide).status_code == 302  # to the sign-in page


def test_editors_set_a_reviewers_name_and_role(team, client):
    client.force_login(team["editor"])
    profile = team["reviewer"].reviewer_profile
    url = reverse("reviewer_profiles:edit", args=[profile.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"user": team["reviewer"].pk, "display_name": "Dr R Reviewer", "role": "Consultant haematologist"}
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert (profile.display_name, profile.role) == ("Dr R Reviewer", "Consultant haematologist")

    client.force_login(team["fundraiser"])
    assert client.get(url).status_code in (302, 403)
    assert ReviewerProfile.objects.count() == 1
