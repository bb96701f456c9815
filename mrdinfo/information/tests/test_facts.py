"""Every figure on the section's pages comes from FACTS.md and the page cites its sources.

A numeral in a page's prose must also appear in the fact sheet (the sheet is the only place
numbers may come from), and every page that states a figure has references."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from mrdinfo.core.content.loader import ContentLoader
from mrdinfo.information.models import InformationPage
from mrdinfo.information.reading import prose_of

pytestmark = pytest.mark.django_db

# docs/FACTS.md is the project's copy of the fact sheet, so this test runs on any clone.
FACTS = Path(settings.BASE_DIR) / "docs" / "FACTS.md"
SHARED_FACTS = Path(settings.BASE_DIR).parent / "shared" / "FACTS.md"
NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")


def test_the_fact_sheet_copy_is_current():
    assert FACTS.exists(), "docs/FACTS.md is missing"
    if SHARED_FACTS.exists():  # on the writers' machine: the copy must match the original
        assert FACTS.read_text() == SHARED_FACTS.read_text(), "docs/FACTS.md differs from shared/FACTS.md"


def test_every_number_on_the_pages_is_in_the_fact_sheet():
    ContentLoader(Path(settings.BASE_DIR) / "content").load()
    facts = set(NUMBER.findall(FACTS.read_text()))
    unknown = {}
    for page in InformationPage.objects.live():
        text = (
            prose_of(page)
            + " "
            + " ".join(block.value["figure"] for block in page.body if block.block_type == "key_figure")
        )
        numbers = set(NUMBER.findall(text))
        missing = sorted(numbers - facts)
        if missing:
            unknown[page.url_path] = missing
        if numbers:
            assert page.references(), f"{page.url_path} states figures but lists no sources"
    assert not unknown, f"numbers not found in FACTS.md: {unknown}"
