"""load_content on a fresh database puts the Understanding MRD section under clinical sign-off,
loads its pages as not yet clinically reviewed, and changes nothing when run again."""

import io
from pathlib import Path

import pytest

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command

from wagtail.models import GroupPagePermission, Page, Revision, WorkflowContentType, WorkflowPage

from mrdinfo.editorial.setup import WORKFLOW_NAME
from mrdinfo.information.models import InformationPage, TopicIndexPage

pytestmark = pytest.mark.django_db

CONTENT = Path(settings.BASE_DIR) / "content"


def load():
    out = io.StringIO()
    call_command("load_content", "--content-dir", str(CONTENT), stdout=out)
    return out.getvalue()


def editorial_state():
    return (
        Page.objects.count(),
        Revision.objects.count(),
        sorted(WorkflowPage.objects.values_list("page__url_path", "workflow__name")),
        sorted(WorkflowContentType.objects.values_list("content_type__model", "workflow__name")),
        sorted(GroupPagePermission.objects.values_list("group__name", "page__url_path", "permission__codename")),
        sorted((group.name, group.permissions.count()) for group in Group.objects.all()),
    )


def test_load_content_puts_the_medical_section_under_sign_off_once():
    first = load()
    hub = TopicIndexPage.objects.get()
    assert WorkflowPage.objects.get(page=hub).workflow.name == WORKFLOW_NAME
    assert "now need clinical sign-off" in first
    for page in InformationPage.objects.all():
        assert page.get_workflow().name == WORKFLOW_NAME
        assert not page.clinically_reviewed and page.live  # loaded content is unreviewed
    assert WorkflowContentType.objects.get(content_type__model="explainer").workflow.name == WORKFLOW_NAME
    fundraising_sections = set(
        GroupPagePermission.objects.filter(group__name="Fundraising").values_list("page__url_path", flat=True)
    )
    assert fundraising_sections == {"/home/events/", "/home/donate/", "/home/news/"}

    before = editorial_state()
    second = load()
    assert editorial_state() == before
    assert "sign-off" not in second and "Fundraising" not in second and "0 pages created, 0 updated" in second


def test_load_content_remakes_the_groups_in_an_emptied_database():
    Group.objects.all().delete()  # as a live-server test leaves the database
    load()
    assert {"Editors", "Clinical reviewers", "Fundraising"} <= set(Group.objects.values_list("name", flat=True))
    assert Group.objects.get(name="Fundraising").permissions.filter(codename="view_donation").exists()
