"""Drill: the payment provider hangs (accepts the connection and never answers) while the site
runs as in production (gunicorn, two workers, production settings, the prepared site). The donor
gets the honest "no money has been taken" page within 15 s with their gift kept (one press tries
the payment again), and readers
asking for pages meanwhile are answered at once by the other worker."""

import threading
import time

import pytest

from mrdinfo.core.operations.tests.test_production_server import Gunicorn, production_env
from mrdinfo.testing import prepared_site
from mrdinfo.testing.multiserver import SECRET_KEY
from mrdinfo.testing.multiserver_browser import Visitor, donate
from mrdinfo.testing.outages import TcpSwitch

READING = ["/", "/understanding-mrd/what-is-mrd/", "/understanding-mrd/", "/news/", "/events/"]


@pytest.fixture
def hung_provider():
    switch = TcpSwitch(mode="hang")
    yield f"http://127.0.0.1:{switch.port}"
    switch.close()


def test_a_hung_provider_costs_the_donor_seconds_and_readers_nothing(tmp_path, hung_provider):
    prepared_site.copy_sqlite_site(tmp_path)
    env = production_env(
        tmp_path,
        SECRET_KEY=SECRET_KEY,  # the forms' time stamps below are signed with it
        STRIPE_SECRET_KEY="sk_test_drill",
        STRIPE_WEBHOOK_SECRET="whsec_drill",
        STRIPE_API_BASE=hung_provider,
    )
    server = Gunicorn(env, tmp_path)
    try:
        donor, outcome = Visitor("198.51.100.7"), {}

        def give():
            started = time.monotonic()
            outcome["response"] = donate(donor, server, "hung@example.org")
            outcome["seconds"] = time.monotonic() - started

        giving = threading.Thread(target=give)
        giving.start()
        time.sleep(1.0)  # the donor's worker is now waiting on the provider
        reader, answers = Visitor("198.51.100.8"), []
        for path in READING:
            started = time.monotonic()
            response = reader.get(server, path)
            answers.append((path, response.status, round(time.monotonic() - started, 2)))
        still_waiting = giving.is_alive()
        giving.join(timeout=30)
    finally:
        server.stop()

    assert still_waiting, "the donation answered before the readers asked: nothing was shown"
    assert all(status == 200 and seconds < 2 for _path, status, seconds in answers), answers
    response = outcome["response"]
    assert response.status == 503 and outcome["seconds"] < 15, (response.status, outcome["seconds"])
    assert "No money has been taken" in response.text
    # The gift is kept: one press tries the same payment again, nothing to type twice.
    assert "We have kept your details" in response.text and "Try the payment again" in response.text
