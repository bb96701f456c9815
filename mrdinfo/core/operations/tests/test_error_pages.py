"""The error pages tell the truth: a database outage is a 503 that says to come back; a form
being sent is never told that nothing was lost."""

from html.parser import HTMLParser

import pytest

from django.db import OperationalError
from django.test import RequestFactory

from mrdinfo.core.operations.views import server_error


class Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts = []

    def handle_data(self, data):
        self.parts.append(data)


def page_text(response):
    parser = Text()
    parser.feed(response.content.decode())
    return " ".join(" ".join(parser.parts).split())


def fail_with(error, method):
    request = getattr(RequestFactory(), method)("/contact/")
    try:
        raise error
    except Exception:  # noqa: BLE001  as Django's handler does
        return server_error(request)  # as Django calls it: while handling the exception


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_database_outage_is_a_503_with_retry_after(method):
    response = fail_with(OperationalError("connection refused"), method)
    assert response.status_code == 503 and response["Retry-After"] == "30"
    text = page_text(response)
    assert "not available just now" in text
    if method == "post":
        assert "We could not send your message. It has not reached us." in text


def test_a_form_being_sent_is_not_told_nothing_was_lost():
    text = page_text(fail_with(ValueError("a bug"), "post"))
    assert "Nothing you were reading has gone" not in text
    assert "What you sent may not have reached us" in text


def test_a_page_being_read_is_a_plain_500():
    response = fail_with(ValueError("a bug"), "get")
    assert response.status_code == 500
    assert "Nothing you were reading has gone" in page_text(response)


@pytest.mark.django_db
def test_a_failed_csrf_check_gets_the_sites_own_page_within_the_csp(home_page):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/newsletter/sign-up/", {"email": "a@example.org"})
    html = response.content.decode()
    assert response.status_code == 403
    assert "Your form was not sent" in page_text(response) and "Nothing was saved" in page_text(response)
    assert "<style" not in html and "CSRF verification failed" not in html
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
