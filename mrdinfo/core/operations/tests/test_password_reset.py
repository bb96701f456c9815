"""Staff password reset: the page answers at once and the email goes through the task queue
(a hung mail server cannot hold the request); the queued task holds no reset link; its link
works when sent; a failing mail server is retried, then logged; requests are limited per
visitor address and per email address, with a message that keeps what was typed."""

import logging
import re

import pytest

from django.contrib.auth import get_user_model
from django.core import mail
from django.test import override_settings

from mrdinfo.core.operations import password_reset

pytestmark = pytest.mark.django_db

RESET = "/admin/password_reset/"
QUEUED_ONLY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def staff():
    return get_user_model().objects.create_user(
        "sam", email="sam@example.org", password="an old password 123", is_staff=True
    )


@pytest.fixture
def queue():
    from django_tasks import default_task_backend

    with override_settings(TASKS=QUEUED_ONLY):
        default_task_backend.clear()
        yield default_task_backend
        default_task_backend.clear()


def ask(client, email, address="203.0.113.7"):
    return client.post(RESET, {"email": email}, REMOTE_ADDR=address)


def run(result):
    result.task.call(*result.args, **result.kwargs)


def test_a_request_queues_the_email_without_the_link_and_the_link_works_when_sent(client, staff, queue):
    response = ask(client, "sam@example.org")
    assert response.status_code == 302 and response["Location"].endswith("/admin/password_reset/done/")
    assert mail.outbox == []  # nothing sent inside the request
    [queued] = queue.results
    assert queued.kwargs["user_id"] == staff.pk
    assert "token" not in repr(queued.kwargs) and "/confirm/" not in repr(queued.kwargs)

    run(queued)
    [email] = mail.outbox
    assert email.to == ["sam@example.org"]
    link = re.search(r"https?://[^\s]+/admin/password_reset/confirm/[^\s]+/", email.body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    form = client.get("/" + path, follow=True)
    assert form.status_code == 200 and b'name="new_password1"' in form.content  # a valid link


def test_an_unknown_address_queues_nothing_and_says_the_same(client, staff, queue):
    response = ask(client, "nobody@example.org")
    assert response.status_code == 302 and response["Location"].endswith("/admin/password_reset/done/")
    assert queue.results == []


def test_a_failing_mail_server_is_tried_again_later_then_logged(client, staff, queue, settings, caplog):
    settings.EMAIL_BACKEND = "mrdinfo.core.operations.tests.test_password_reset.RefusingBackend"
    ask(client, "sam@example.org")
    with caplog.at_level(logging.WARNING, logger="mrdinfo.core.operations.password_reset"):
        for attempt in range(1, password_reset.SEND_ATTEMPTS + 1):
            result = queue.results[-1]
            assert result.kwargs["attempt"] == attempt
            if attempt > 1:  # queued to run later, not at once
                assert result.task.run_after is not None
            run(result)
    assert len(queue.results) == password_reset.SEND_ATTEMPTS  # no more after the last
    assert "retrying" in caplog.text and "not sent after 3 attempts" in caplog.text


def test_one_email_address_is_limited_whoever_asks(client, staff, queue, settings):
    settings.PASSWORD_RESET_RATE_LIMIT = "5/h"
    for n in range(5):
        assert ask(client, "sam@example.org", address=f"198.51.100.{n}").status_code == 302
    response = ask(client, "Sam@Example.org", address="198.51.100.99")
    assert response.status_code == 429
    assert password_reset.LIMITED_MESSAGE in response.content.decode()
    assert 'value="Sam@Example.org"' in response.content.decode()  # what was typed is kept
    assert len(queue.results) == 5


def test_one_address_is_limited_whatever_it_asks_for(client, staff, queue, settings):
    settings.PASSWORD_RESET_RATE_LIMIT = "5/h"
    for n in range(5):
        assert ask(client, f"someone{n}@example.org").status_code == 302
    assert ask(client, "sam@example.org").status_code == 429
    assert queue.results == []  # sam's email was never queued
    assert ask(client, "sam@example.org", address="203.0.113.8").status_code == 302  # another visitor


class RefusingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("the mail server refused the connection")
