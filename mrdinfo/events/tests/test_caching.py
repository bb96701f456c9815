"""The events index's filter choices (every type and region) are cached apart from the page
cache; core/caching/ clears them when an editor adds, renames or deletes one. Each test reads a
fresh render (past the page cache), so only the choices' own cache is tested."""

import pytest

from django.test import Client

from mrdinfo.core.measuring.queries import page_cache_bypass
from mrdinfo.events.models import EventRegion, EventType
from mrdinfo.events.tests.factories import EventIndexPageFactory, EventRegionFactory, EventTypeFactory
from mrdinfo.testing.html import select

pytestmark = pytest.mark.django_db


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def index(page_tree):
    EventTypeFactory.create_all()
    EventRegionFactory.create_all()
    index = EventIndexPageFactory(parent=page_tree["home"])
    assert "Run" in options("type")  # fills the cached choices
    return index


def options(name):
    response = Client().get("/events/", headers=page_cache_bypass())
    return [option.get_text(strip=True) for option in select(response, f'select[name="{name}"] option')]


def test_a_renamed_type(index, commit):
    run = EventType.objects.get(slug="run")
    run.name = "Running"
    with commit():
        run.save()
    labels = options("type")
    assert "Running" in labels and "Run" not in labels


def test_a_new_region(index, commit):
    with commit():
        EventRegion.objects.create(name="Northern Ireland", slug="northern-ireland")
    assert "Northern Ireland" in options("region")


def test_a_deleted_type(index, commit):
    with commit():
        EventType.objects.get(slug="trek").delete()
    assert "Trek" not in options("type") and "Run" in options("type")
