"""The privacy notice's table is the register (a changed period changes the page), and the
data-protection screen is for the Data protection group only."""

import dataclasses
from pathlib import Path

import pytest

from django.conf import settings
from django.core.cache import cache

from mrdinfo.core import personal_data
from mrdinfo.core.content.loader import ContentLoader
from mrdinfo.core.personal_data import Period
from mrdinfo.testing.html import select, select_one

from .factories import data_protection_lead, editor

pytestmark = pytest.mark.django_db
PRIVACY_URL = "/privacy/"


@pytest.fixture
def content(db):
    ContentLoader(Path(settings.BASE_DIR) / "content").load()


def retention_rows(client):
    response = client.get(PRIVACY_URL)
    assert response.status_code == 200
    return {
        row["data-key"]: " ".join(row.get_text(" ").split())
        for row in select(response.content, ".retention-table tbody tr")
    }


def test_the_privacy_notice_table_comes_from_the_register(client, content, monkeypatch):
    rows = retention_rows(client)
    assert set(rows) == {entry.key for entry in personal_data.notice_entries()}
    assert (
        "12 months after you sent it" in rows["messages"] and "12 months after the event" in rows["event-registrations"]
    )
    assert "30 days after the request" in rows["server-records"]
    assert "6 years after the last gift we claimed Gift Aid on" in rows["gift-aid"]

    messages = personal_data.entry("messages")
    monkeypatch.setitem(
        personal_data._REGISTER, "messages", dataclasses.replace(messages, period=Period(6, "months", "you sent it"))
    )
    cache.clear()  # a changed register is a deploy, which starts a new cache generation
    changed = retention_rows(client)
    assert "6 months after you sent it" in changed["messages"] and "12 months" not in changed["messages"]


def test_the_screen_is_for_the_data_protection_group_only(client, db, django_user_model):
    client.force_login(editor(django_user_model))
    assert client.get("/admin/data-protection/").status_code in (302, 403)
    assert client.post("/admin/data-protection/", {"email": "a@example.org"}).status_code in (302, 403)
    assert "/admin/data-protection/" not in client.get("/admin/").content.decode()

    client.force_login(data_protection_lead(django_user_model))
    response = client.get("/admin/data-protection/")
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    assert select_one(response.content, "form input[name=email]") is not None
    assert "/admin/data-protection/" in client.get("/admin/").content.decode()


def test_the_command_erases_only_with_confirm(db, capsys):
    from django.core.management import call_command

    call_command("erase_personal_data", "nobody@example.org")
    assert "Nothing found" in capsys.readouterr().out
