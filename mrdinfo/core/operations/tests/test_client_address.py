"""The visitor's address is worked out once (core/operations/client_address.py, django-ipware): the proxy's
header is believed only from the configured proxy, forged entries to its left are ignored, and
the donation limit counts visitors behind nginx one by one (it once counted them all as nginx)."""

import pytest

from django.test import RequestFactory

from mrdinfo.core.operations.client_address import client_ip

PROXY = "127.0.0.1"


@pytest.fixture
def behind_nginx(settings):
    settings.CLIENT_IP_HEADER = "X-Real-IP"
    settings.CLIENT_IP_TRUSTED_PROXIES = [PROXY, "::1"]
    return settings


def address(**meta):
    return client_ip(RequestFactory().get("/", **meta))


def test_without_a_header_setting_the_connection_address_counts(settings):
    settings.CLIENT_IP_HEADER = ""
    assert address(REMOTE_ADDR="198.51.100.4", HTTP_X_REAL_IP="203.0.113.9") == "198.51.100.4"


def test_the_proxys_header_is_believed_only_from_the_proxy(behind_nginx):
    assert address(REMOTE_ADDR=PROXY, HTTP_X_REAL_IP="203.0.113.9") == "203.0.113.9"
    # Someone reaching an app server directly cannot choose their address.
    assert address(REMOTE_ADDR="198.51.100.4", HTTP_X_REAL_IP="203.0.113.9") == "198.51.100.4"
    # Garbage in the header: the connection's address, never the garbage.
    assert address(REMOTE_ADDR=PROXY, HTTP_X_REAL_IP="not-an-address") == PROXY


def test_forged_forwarding_entries_are_ignored(behind_nginx):
    behind_nginx.CLIENT_IP_HEADER = "X-Forwarded-For"
    # nginx's $proxy_add_x_forwarded_for: what the visitor sent, then the address nginx saw.
    forged = "1.2.3.4, 203.0.113.9"
    assert address(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forged) == "203.0.113.9"
    behind_nginx.CLIENT_IP_PROXY_COUNT = 1  # a CDN in front of nginx adds its own address
    assert address(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9, 198.51.100.1") == "203.0.113.9"


@pytest.mark.django_db
def test_donors_behind_nginx_are_limited_one_by_one(client, behind_nginx, page_tree):
    from mrdinfo.giving.models import Donation
    from mrdinfo.giving.tests.factories import DonatePageFactory, details_data, details_url

    behind_nginx.GIVING_RATE_LIMITS = {"donation-ip": "3/h", "donation-email": "100/h"}
    donate = DonatePageFactory(parent=page_tree["home"])
    answers = [
        client.post(details_url(donate), details_data(), REMOTE_ADDR=PROXY, HTTP_X_REAL_IP=f"203.0.113.{n}").status_code
        for n in range(1, 7)
    ]
    assert answers == [302] * 6 and Donation.objects.count() == 6
    one_visitor = [
        client.post(details_url(donate), details_data(), REMOTE_ADDR=PROXY, HTTP_X_REAL_IP="203.0.113.50").status_code
        for _ in range(4)
    ]
    assert one_visitor == [302, 302, 302, 429]
