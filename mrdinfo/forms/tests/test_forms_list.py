"""The admin's Forms list as a fundraiser reads it (issue 21): each page by its title, what it
collects in plain words, how many answers it holds, and finished events only when asked for."""

import pytest

from django.urls import reverse

from wagtail.contrib.forms.models import FormSubmission

from mrdinfo.editorial.tests.factories import StaffFactory
from mrdinfo.events.tests.factories import REGISTRATION_QUESTIONS, EventIndexPageFactory, EventPageFactory
from mrdinfo.forms.tests.factories import FormPageFactory
from mrdinfo.testing.html import select, text

pytestmark = pytest.mark.django_db


def answers(page, count):
    for n in range(count):
        FormSubmission.objects.create(page=page, form_data={"your-name": f"Visitor {n}"})


@pytest.fixture
def forms(page_tree):
    contact = FormPageFactory(parent=page_tree["home"])
    index = EventIndexPageFactory(parent=page_tree["home"])
    upcoming = EventPageFactory(parent=index, title="Riverside 10K", form_fields=REGISTRATION_QUESTIONS)
    over = EventPageFactory(parent=index, title="Winter walk", days_from_now=-30, form_fields=REGISTRATION_QUESTIONS)
    answers(contact, 2)
    answers(upcoming, 3)
    answers(over, 1)
    return {"contact": contact, "upcoming": upcoming, "over": over, **StaffFactory.create_team()}


def table_of(response):
    """Each listed page's title and the text of its row's cells."""
    return {
        " ".join(row.select_one("td.title a").get_text().split()): [
            " ".join(td.get_text().split()) for td in row.select("td")
        ]
        for row in select(response, "table.listing tbody tr")
    }


def test_a_fundraiser_sees_their_events_in_plain_words_with_their_registrations(forms, client):
    client.force_login(forms["fundraiser"])
    response = client.get(reverse("wagtailforms:index"))
    assert response.status_code == 200
    table = table_of(response)
    assert set(table) == {"Riverside 10K"}  # the finished walk is left out; the contact form is not theirs
    assert "Event registrations" in table["Riverside 10K"] and "3" in table["Riverside 10K"]
    assert "events.eventpage" not in text(response)


def test_every_form_says_what_it_collects_and_how_many_answers_it_holds(forms, admin_client):
    response = admin_client.get(reverse("wagtailforms:index"))
    table = table_of(response)
    assert set(table) == {"Contact us", "Riverside 10K"}
    assert "Answers to a form" in table["Contact us"] and "2" in table["Contact us"]
    assert "Event registrations" in table["Riverside 10K"] and "3" in table["Riverside 10K"]
    assert "forms.formpage" not in text(response)


def test_finished_events_are_listed_when_asked_for(forms, admin_client):
    response = admin_client.get(reverse("wagtailforms:index"), {"finished": "include"})
    assert set(table_of(response)) == {"Contact us", "Riverside 10K", "Winter walk"}
    assert "1" in table_of(response)["Winter walk"]
    # The filters' live update (the results view) keeps the same rule.
    results = admin_client.get(reverse("wagtailforms:index_results"))
    assert set(table_of(results)) == {"Contact us", "Riverside 10K"}
    assert "Show them too" in text(admin_client.get(reverse("wagtailforms:index")))


def test_the_list_sorts_by_answers(forms, admin_client):
    response = admin_client.get(reverse("wagtailforms:index"), {"ordering": "-answer_count"})
    assert list(table_of(response)) == ["Riverside 10K", "Contact us"]
    response = admin_client.get(reverse("wagtailforms:index"), {"ordering": "answer_count"})
    assert list(table_of(response)) == ["Contact us", "Riverside 10K"]
