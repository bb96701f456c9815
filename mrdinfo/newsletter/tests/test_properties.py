"""Property-based tests: arbitrary input at the sign-up form and the newsletter's links never
gives a server error."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from django.urls import reverse

from .factories import started

pytestmark = pytest.mark.django_db
PROPERTY_SETTINGS = settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
anything = st.text(max_size=80)
stamp = st.one_of(st.just("fresh"), anything)


@pytest.fixture
def unlimited(page_tree, settings):
    settings.NEWSLETTER_RATE_LIMITS = dict.fromkeys(("newsletter-ip", "newsletter-email"), "100000/h")


def assert_not_a_server_error(response):
    assert response.status_code < 500 or response.status_code == 503, response.status_code


@PROPERTY_SETTINGS
@given(
    data=st.fixed_dictionaries(
        {}, optional={"email": anything, "first_name": anything, "consent": anything, "page": anything}
    ),
    form_started=stamp,
)
def test_the_newsletter_form_takes_any_answers(client, unlimited, data, form_started):
    data["form_started"] = started() if form_started == "fresh" else form_started
    assert_not_a_server_error(client.post("/newsletter/sign-up/", data))


@PROPERTY_SETTINGS
@given(
    token=st.text(
        alphabet=st.characters(blacklist_characters="/?#%", blacklist_categories=["Cs", "Cc"]), min_size=1, max_size=60
    )
)
def test_confirm_and_unsubscribe_links_take_any_token(client, unlimited, token):
    for name in ("newsletter:confirm", "newsletter:unsubscribe"):
        url = reverse(name, args=[token])
        assert_not_a_server_error(client.get(url))
        assert_not_a_server_error(client.post(url))
