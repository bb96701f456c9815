"""The real domain: configure_site puts SITE_URL on the Wagtail Site, so canonical links and the
sitemap stop saying localhost."""

import io
import xml.etree.ElementTree as ET

import pytest

from django.core.management import call_command
from django.core.management.base import CommandError

from wagtail.models import Site

from mrdinfo.core.operations.site_address import check_site_address

pytestmark = pytest.mark.django_db


def test_configure_site_sets_host_and_port_and_links_follow(client, page_tree, settings):
    settings.SITE_URL = "https://mrdinfo.example.org"
    settings.ALLOWED_HOSTS = ["mrdinfo.example.org"]
    call_command("configure_site", stdout=io.StringIO())
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == ("mrdinfo.example.org", 443, "https://mrdinfo.example.org")
    sitemap = client.get("/sitemap.xml", HTTP_HOST="mrdinfo.example.org", secure=True)
    root = ET.fromstring(sitemap.content)  # noqa: S314 - our own sitemap
    locations = [el.text for el in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert locations and all(url.startswith("https://mrdinfo.example.org/") for url in locations)


def test_configure_site_takes_an_explicit_port(home_page):
    call_command("configure_site", "--url", "http://staging.example.org:8080", stdout=io.StringIO())
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("staging.example.org", 8080)


def test_configure_site_refuses_a_malformed_address(home_page):
    with pytest.raises(CommandError, match="must look like"):
        call_command("configure_site", "--url", "mrdinfo.org.uk", stdout=io.StringIO())


def test_the_deploy_check_warns_until_the_site_is_configured(home_page, settings):
    settings.SITE_URL = "http://127.0.0.1:8000"
    assert [w.id for w in check_site_address()] == ["mrdinfo.W001"]
    settings.SITE_URL = "https://mrdinfo.example.org"
    assert check_site_address() == []  # without --database, the Site record is not read
    # `check --deploy --database default`: the Site record still says localhost.
    assert [w.id for w in check_site_address(databases=["default"])] == ["mrdinfo.W003"]
    call_command("configure_site", stdout=io.StringIO())
    assert check_site_address(databases=["default"]) == []
