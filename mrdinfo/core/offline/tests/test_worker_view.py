"""/service-worker.js and /offline/ (core/offline/views.py): the headers a browser needs for a
worker of the whole site, the content generation in its body (a change makes a new worker), the
pages apps register, no cookie, and never a copy from the page cache."""

import json
import re

import pytest

from django.contrib.auth import get_user_model

from mrdinfo.core import caching
from mrdinfo.core.offline import worker
from mrdinfo.core.templatetags.offline_tags import offline_reading
from mrdinfo.testing.html import select_one, text

pytestmark = pytest.mark.django_db

SETTINGS_LINE = re.compile(r"\Aconst OFFLINE = (\{.*?\});\n", re.S)


def worker_settings(response):
    match = SETTINGS_LINE.match(response.content.decode())
    assert match, "the script starts with its settings"
    return json.loads(match.group(1))


def test_the_worker_is_a_script_for_the_whole_site_checked_on_every_visit(client, site_content):
    response = client.get("/service-worker.js")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert response["Service-Worker-Allowed"] == "/"
    assert set(response["Cache-Control"].replace(" ", "").split(",")) == {"no-cache", "max-age=0"}
    assert 'addEventListener("fetch"' in response.content.decode()
    assert not response.cookies
    # Not stored by the page cache: a second request is rendered again, never a stored copy.
    assert response["X-Cache"] == "bypass"
    assert client.get("/service-worker.js")["X-Cache"] == "bypass"
    # The browser's check on each visit: unchanged, a 304 without the script.
    unchanged = client.get("/service-worker.js", HTTP_IF_NONE_MATCH=response["ETag"])
    assert unchanged.status_code == 304 and not unchanged.content


def test_no_cookie_even_for_a_visitor_who_has_a_session_or_is_signed_in(client, site_content):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "a long password 123")
    client.force_login(user)
    response = client.get("/service-worker.js")
    assert response.status_code == 200 and not response.cookies
    assert "private" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def test_the_body_carries_the_content_generation_and_changes_with_it(client, site_content):
    first = client.get("/service-worker.js")
    assert worker_settings(first)["generation"] == caching.generation()
    caching.bump_generation()
    second = client.get("/service-worker.js")
    assert worker_settings(second)["generation"] == caching.generation() != worker_settings(first)["generation"]
    assert worker_settings(second)["version"] != worker_settings(first)["version"]  # the worker's cache name


def test_the_guide_is_the_hub_every_page_under_it_and_the_home_page_with_the_explainer(client, site_content):
    from wagtail.models import Page

    settings = worker_settings(client.get("/service-worker.js"))
    hub = Page.objects.get(slug="understanding-mrd")
    section = [page.url for page in Page.objects.descendant_of(hub, inclusive=True).live().order_by("path")]
    assert settings["guide"]["openedFrom"] == ["/understanding-mrd/"]
    assert settings["guide"]["pages"] == ["/", *section]
    assert {"/understanding-mrd/glossary/", "/understanding-mrd/reading-mrd-results/"} <= set(section)
    assert "/understanding-mrd/what-is-mrd/" in section  # the explainer's page
    assert not {"/contact/", "/donate/"} & set(settings["guide"]["pages"])


def test_a_draft_or_private_page_is_not_in_the_guide(client, site_content):
    from wagtail.models import Page, PageViewRestriction

    remission = Page.objects.get(slug="remission")
    PageViewRestriction.objects.create(page=remission, restriction_type="password", password="x")
    Page.objects.get(slug="the-mrd-test").unpublish()
    pages = worker_settings(client.get("/service-worker.js"))["guide"]["pages"]
    assert "/understanding-mrd/what-is-mrd/" in pages
    assert "/understanding-mrd/remission/" not in pages and "/understanding-mrd/the-mrd-test/" not in pages


def test_the_admin_documents_and_the_pages_apps_name_are_never_saved(client, site_content):
    never = worker_settings(client.get("/service-worker.js"))["neverSave"]
    assert {"/admin/", "/documents/", "/cms/", "/service-worker.js"} <= set(never)
    assert {"/donate/", "/contact/", "/newsletter/"} <= set(never)  # giving, forms, newsletter


def test_the_worker_settings_cost_no_query_once_worked_out(client, site_content, django_assert_num_queries):
    client.get("/service-worker.js")
    request = client.get("/service-worker.js").wsgi_request
    with django_assert_num_queries(0):
        worker.settings_for(request)


def test_pages_register_the_worker_but_previews_do_not(client, rf, site_content):
    page = client.get("/understanding-mrd/")
    script = select_one(page, "script[data-service-worker]")
    assert script["type"] == "module" and script["data-service-worker"] == "/service-worker.js"
    assert script["src"].startswith("/static/core/offline")
    # A preview renders the same templates for the page's own address, marked as a preview.
    request = rf.get("/understanding-mrd/")
    assert offline_reading({"request": request})
    request.is_preview = True
    assert offline_reading({"request": request}) == ""


def test_the_offline_page_is_plain_words_with_a_place_for_the_saved_pages(client, site_content):
    response = client.get("/offline/")
    assert response.status_code == 200
    assert text(response, "h1") == "This page is not saved on this device"
    assert select_one(response, "meta[name=robots]")["content"] == "noindex"
    body = response.content.decode()
    assert body.index("<!--saved-pages-->") < body.index("No pages are saved") < body.index("<!--/saved-pages-->")
    assert "When you open Understanding MRD, all of its pages are saved too." in text(response, "main")
