"""The privacy notice's table is the register (a changed period changes the page), and the
data-protection screen is for the Data protection group only."""

import dataclasses
import re

import pytest

from django.core.cache import cache

from mrdinfo.core.records import personal_data
from mrdinfo.core.records.personal_data import Period
from mrdinfo.testing.html import select, select_one

from .factories import DataProtectionLeadFactory, EditorFactory

pytestmark = pytest.mark.django_db
PRIVACY_URL = "/privacy/"


@pytest.fixture
def content(site_content):
    return site_content


def words(element):
    return " ".join(element.get_text(" ").split())


def retention_rows(client):
    response = client.get(PRIVACY_URL)
    assert response.status_code == 200
    return {row["data-key"]: words(row) for row in select(response.content, ".retention-table tbody tr")}


def retention_paragraphs(client):
    """Each section's "How long we keep it" line, by the register's key."""
    response = client.get(PRIVACY_URL)
    return {line["data-key"]: words(line) for line in select(response.content, ".retention-period")}


# A period written out by hand ("30 days", "six years"): only the register may say one.
PERIOD = re.compile(
    r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve)\s+(day|week|month|year)s?\b", re.I
)


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
    assert retention_paragraphs(client)["messages"] == "How long we keep it: 6 months after you sent it."


def test_the_notices_paragraphs_take_their_periods_from_the_register(client, content):
    paragraphs = retention_paragraphs(client)
    assert paragraphs["messages"] == "How long we keep it: 12 months after you sent it."
    assert paragraphs["server-records"] == "How long we keep them: 30 days after the request."
    assert paragraphs["gift-aid"] == (
        "How long we keep your Gift Aid declaration: 6 years after the last gift we claimed Gift Aid on."
    )
    for key, text in paragraphs.items():
        assert text.endswith(personal_data.entry(key).retention + "."), key
    # Every section that says how long names its kind of record; the rest of the notice's words
    # (outside these lines and the table) promise no period of their own.
    assert {"messages", "event-registrations", "donations", "gift-aid", "newsletter"} <= paragraphs.keys()
    page = select_one(client.get(PRIVACY_URL).content, "main")
    for generated in page.select(".retention-period, .retention-table"):
        generated.decompose()
    assert PERIOD.findall(words(page)) == []


def test_the_screen_is_for_the_data_protection_group_only(client, db):
    client.force_login(EditorFactory())
    assert client.get("/admin/data-protection/").status_code in (302, 403)
    assert client.post("/admin/data-protection/", {"email": "a@example.org"}).status_code in (302, 403)
    assert "/admin/data-protection/" not in client.get("/admin/").content.decode()

    client.force_login(DataProtectionLeadFactory())
    response = client.get("/admin/data-protection/")
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    assert select_one(response.content, "form input[name=email]") is not None
    assert "/admin/data-protection/" in client.get("/admin/").content.decode()


def test_the_command_erases_only_with_confirm(db, capsys):
    from django.core.management import call_command

    call_command("erase_personal_data", "nobody@example.org")
    assert "Nothing found" in capsys.readouterr().out
