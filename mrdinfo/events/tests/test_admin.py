"""Editors manage events in Wagtail: the page editor opens for both page types, and types and
regions are snippets."""

import pytest

from django.urls import reverse

from mrdinfo.events.tests.factories import REGISTRATION_QUESTIONS, make_categories, make_event, make_event_index

pytestmark = pytest.mark.django_db


def test_the_editor_opens_for_the_index_and_an_event(admin_client, page_tree):
    index = make_event_index(page_tree["home"])
    event = make_event(index, "Riverside 10K", days_from_now=10, form_fields=REGISTRATION_QUESTIONS)
    for page in (index, event):
        response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200, page
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[event.pk])).content.decode()
    for label in ("Minimum sponsorship", "Registration questions", "Questions and answers", "Previous start"):
        assert label in html, label
    add = reverse("wagtailadmin_pages:add", args=["events", "eventpage", index.pk])
    assert admin_client.get(add).status_code == 200


def test_the_editor_refuses_a_postponed_event_without_its_earlier_date(page_tree):
    from django.core.exceptions import ValidationError

    index = make_event_index(page_tree["home"])
    event = make_event(index, "Swim", days_from_now=10)
    event.status = "postponed"
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "previous_start" in error.value.message_dict


def test_types_and_regions_are_snippets_editors_manage(admin_client):
    make_categories()
    for model in ("eventtype", "eventregion"):
        response = admin_client.get(reverse(f"wagtailsnippets_events_{model}:list"))
        assert response.status_code == 200
    assert "Trek" in admin_client.get(reverse("wagtailsnippets_events_eventtype:list")).content.decode()
