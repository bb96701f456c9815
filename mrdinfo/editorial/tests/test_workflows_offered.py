"""Only this site's workflow is offered: Wagtail's default "Moderators approval" workflow (on the
root page, offered on every page) is switched off by a migration, and its empty group is gone."""

import pytest

from django.contrib.auth.models import Group

from wagtail.models import Workflow, WorkflowPage

from mrdinfo.editorial.setup import WAGTAIL_DEFAULT_WORKFLOW, WAGTAIL_MODERATORS, ensure_editorial_setup
from mrdinfo.events.tests.factories import EventIndexPageFactory, EventPageFactory

pytestmark = pytest.mark.django_db


def test_migrations_leave_only_the_sites_own_workflows_and_groups():
    # The test database was built by the migrations, which ran Wagtail's own set-up first.
    assert not Group.objects.filter(name=WAGTAIL_MODERATORS).exists()
    assert not WorkflowPage.objects.filter(workflow__name=WAGTAIL_DEFAULT_WORKFLOW).exists()
    assert list(Workflow.objects.filter(active=True).values_list("name", flat=True)) == ["Clinical sign-off"]


def test_a_charity_page_offers_no_workflow(page_tree):
    event = EventPageFactory(
        parent=EventIndexPageFactory(parent=page_tree["home"]), title="Riverside 10K", days_from_now=20
    )
    assert event.get_workflow() is None


def test_a_moderators_group_someone_uses_is_kept(django_user_model):
    group = Group.objects.create(name=WAGTAIL_MODERATORS)
    group.user_set.add(django_user_model.objects.create_user("mo", "mo@example.org", "a-long-password"))
    ensure_editorial_setup()
    assert Group.objects.filter(name=WAGTAIL_MODERATORS).exists()
