"""Admin sign-in: repeated wrong passwords lock the address out, and the username from that
address (django-axes, counted in the database so every app server sees the same count); guesses
from elsewhere cannot lock a real member of staff out; an operator can unlock."""

import io

import pytest

from django.core.management import call_command

pytestmark = pytest.mark.django_db

PASSWORD = "right-password-for-tests"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.org", PASSWORD)


def sign_in(client, password, address="198.51.100.7"):
    return client.post("/admin/login/", {"username": "editor", "password": password}, REMOTE_ADDR=address)


def test_repeated_failures_lock_sign_in_even_with_the_right_password(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = sign_in(client, "wrong")
        assert response.status_code == 200  # the form again, with Wagtail's error
    response = sign_in(client, "wrong")
    assert response.status_code == 429
    response = sign_in(client, PASSWORD)
    assert response.status_code == 429 and "Sign-in locked for now" in response.content.decode()
    # The real person at another address is not locked out by someone else's guesses.
    assert sign_in(client, PASSWORD, address="203.0.113.50").status_code == 302


def test_guesses_from_many_addresses_do_not_lock_the_real_person_out(client, editor, settings):
    for number in range(settings.AXES_FAILURE_LIMIT + 2):
        assert sign_in(client, "wrong", address=f"198.51.100.{20 + number}").status_code == 200
    response = sign_in(client, PASSWORD, address="203.0.113.9")
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_one_address_is_locked_whatever_usernames_it_tries(client, editor, settings):
    for number in range(settings.AXES_FAILURE_LIMIT):
        client.post("/admin/login/", {"username": f"guess{number}", "password": "x"}, REMOTE_ADDR="198.51.100.7")
    assert sign_in(client, PASSWORD).status_code == 429
    assert sign_in(client, PASSWORD, address="203.0.113.50").status_code == 302


def test_an_operator_can_unlock(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "wrong")
    assert sign_in(client, PASSWORD).status_code == 429
    call_command("axes_reset_username", "editor", stdout=io.StringIO())
    call_command("axes_reset_ip", "198.51.100.7", stdout=io.StringIO())
    response = sign_in(client, PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/admin/"
