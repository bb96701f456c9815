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

# The fact sheet lives beside the project while it is written (shared/FACTS.md); docs/FACTS.md
# in the repository is used first, when there is one.
FACTS_CANDIDATES = [
    Path(settings.BASE_DIR) / "docs" / "FACTS.md",
    Path(settings.BASE_DIR).parent / "shared" / "FACTS.md",
]
FACTS = next((path for path in FACTS_CANDIDATES if path.exists()), FACTS_CANDIDATES[0])
NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")


@pytest.mark.skipif(not FACTS.exists(), reason="FACTS.md is not in docs/ or ../shared/")
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
