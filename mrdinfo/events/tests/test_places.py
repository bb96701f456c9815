"""Places at an event: the limit staff set holds, a waiting list once it is full, an honest
"Full" without one, and no over-booking when many people send the form at the same moment
(parallel requests on PostgreSQL, each on its own database connection)."""

import threading
import time

import pytest

from django.core import signing
from django.db import connection
from django.test import Client

from mrdinfo.events.models import Place
from mrdinfo.events.tests.factories import REGISTRATION_QUESTIONS, EventIndexPageFactory, EventPageFactory
from mrdinfo.forms.spam import SALT
from mrdinfo.testing.html import text

ANSWERS = {"your_name": "Sam Runner", "your_email_address": "sam@example.org", "t_shirt_size": "Medium"}


def post(client, event, started_ago=30.0):
    data = {**ANSWERS, "form_started": signing.dumps(time.time() - started_ago, salt=SALT), "website": ""}
    return client.post(event.url + "register/", data)


def limited_event(home, places, waiting_list=True):
    index = EventIndexPageFactory(parent=home)
    return EventPageFactory(
        parent=index,
        title="Riverside 10K",
        days_from_now=20,
        form_fields=REGISTRATION_QUESTIONS,
        places=places,
        waiting_list=waiting_list,
    )


def counts(event):
    return (
        Place.objects.filter(event=event, status=Place.CONFIRMED).count(),
        Place.objects.filter(event=event, status=Place.WAITING).count(),
    )


@pytest.mark.django_db
def test_places_left_are_shown_and_the_last_place_then_the_waiting_list(page_tree):
    event = limited_event(page_tree["home"], places=2)
    visitor = Client(REMOTE_ADDR="10.0.0.1")
    assert "2 places left" in text(visitor.get(event.url), "main")

    response = post(visitor, event)
    assert response["Location"].endswith("register/?sent=1")
    assert "1 place left" in text(visitor.get(event.url), "main")
    post(visitor, event, started_ago=31)
    page = text(visitor.get(event.url), "main")
    assert "Full: you can join the waiting list" in page and "Join the waiting list" in page

    form = text(visitor.get(event.url + "register/"), "main")
    assert "Every place has gone" in form
    response = post(visitor, event, started_ago=32)
    assert response.status_code == 302 and response["Location"].endswith("?sent=1&waiting=1")
    thanks = text(visitor.get(response["Location"]), "main")
    assert "you are on the waiting list" in thanks and "you do not have a place yet" in thanks
    assert counts(event) == (2, 1)


@pytest.mark.django_db
def test_without_a_waiting_list_a_full_event_says_full_and_stores_nothing(page_tree):
    event = limited_event(page_tree["home"], places=1, waiting_list=False)
    visitor = Client(REMOTE_ADDR="10.0.0.2")
    post(visitor, event)
    page = text(visitor.get(event.url), "main")
    assert "Full" in page and "All places have gone." in page
    assert b'href="' + (event.url + "register/").encode() not in visitor.get(event.url).content
    closed = visitor.get(event.url + "register/")
    assert "all places have gone" in text(closed, "main")
    response = post(visitor, event, started_ago=31)
    assert response.status_code == 409 and "all places have gone" in text(response, "main")
    assert counts(event) == (1, 0)


@pytest.mark.django_db
def test_no_limit_means_no_count_and_no_waiting_list(page_tree):
    event = limited_event(page_tree["home"], places=None)
    visitor = Client(REMOTE_ADDR="10.0.0.3")
    for second in range(3):
        assert post(visitor, event, started_ago=30 + second)["Location"].endswith("?sent=1")
    assert "places left" not in text(visitor.get(event.url), "main")
    assert counts(event) == (3, 0)


def register_at_once(event, people):
    """`people` visitors (each their own address and database connection) send the form together."""
    start = threading.Barrier(people)
    statuses = []

    def one(number):
        try:
            client = Client(REMOTE_ADDR=f"10.1.0.{number + 1}")
            start.wait()
            statuses.append(post(client, event, started_ago=30 + number).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=one, args=(number,)) for number in range(people)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return statuses


needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="parallel writers need PostgreSQL (SQLite has one writer)"
)


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_registrations_never_exceed_the_places(page_tree):
    event = limited_event(page_tree["home"], places=3)
    statuses = register_at_once(event, 12)
    assert statuses == [302] * 12
    assert counts(event) == (3, 9)


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_registrations_without_a_waiting_list_fill_it_and_turn_the_rest_away(page_tree):
    event = limited_event(page_tree["home"], places=3, waiting_list=False)
    statuses = register_at_once(event, 12)
    assert sorted(statuses) == [302] * 3 + [409] * 9
    assert counts(event) == (3, 0)
