"""Editors manage events in Wagtail: the page editor opens for both page types, and types and
regions are snippets."""

import pytest

from django.urls import reverse

from mrdinfo.events.tests.factories import (
    REGISTRATION_QUESTIONS,
    EventIndexPageFactory,
    EventPageFactory,
    EventRegionFactory,
    EventTypeFactory,
)

pytestmark = pytest.mark.django_db


def test_the_editor_opens_for_the_index_and_an_event(admin_client, page_tree):
    index = EventIndexPageFactory(parent=page_tree["home"])
    event = EventPageFactory(parent=index, title="Riverside 10K", days_from_now=10, form_fields=REGISTRATION_QUESTIONS)
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

    index = EventIndexPageFactory(parent=page_tree["home"])
    event = EventPageFactory(parent=index, title="Swim", days_from_now=10)
    event.status = "postponed"
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "previous_start" in error.value.message_dict


def test_types_and_regions_are_snippets_editors_manage(admin_client):
    EventTypeFactory.create_all()
    EventRegionFactory.create_all()
    for model in ("eventtype", "eventregion"):
        response = admin_client.get(reverse(f"wagtailsnippets_events_{model}:list"))
        assert response.status_code == 200
    assert "Trek" in admin_client.get(reverse("wagtailsnippets_events_eventtype:list")).content.decode()


def form_as_sent(html):
    """What a browser sends for the page editor's form as it was rendered (every named field)."""
    from bs4 import BeautifulSoup

    form = BeautifulSoup(html, "html.parser").select_one("form[method=post][action*='/edit/']")
    data = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.get("type") in ("submit", "button", "file"):
            continue
        if field.name == "select":
            chosen = field.find("option", selected=True)
            data[name] = chosen.get("value", "") if chosen else ""
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        elif field.name == "textarea":
            data[name] = field.get_text()
        else:
            data[name] = field.get("value", "")
    return data


def test_publishing_needs_a_type_and_region_and_warns_without_a_picture(admin_client, page_tree):
    from mrdinfo.events.models import EventPage

    types, regions = EventTypeFactory.create_all(), EventRegionFactory.create_all()
    event = EventPageFactory(
        parent=EventIndexPageFactory(parent=page_tree["home"]), title="Riverside 10K", days_from_now=10, revision=False
    )
    url = reverse("wagtailadmin_pages:edit", args=[event.pk])
    # The body's blocks are drawn by JavaScript, so send it empty as the editor would.
    data = {**form_as_sent(admin_client.get(url).content), "body-count": "0"}

    refused = admin_client.post(url, {**data, "action-publish": "action-publish"})
    html = refused.content.decode()
    assert refused.status_code == 200 and "visitors filter events by it" in html
    assert EventPage.objects.get(pk=event.pk).last_published_at is None

    assert admin_client.post(url, data).status_code == 302  # a draft may leave them empty

    data.update(event_type=str(next(iter(types.values())).pk), region=str(next(iter(regions.values())).pk))
    published = admin_client.post(url, {**data, "action-publish": "action-publish"}, follow=True)
    assert EventPage.objects.get(pk=event.pk).last_published_at is not None
    assert "is live without a picture" in published.content.decode()
