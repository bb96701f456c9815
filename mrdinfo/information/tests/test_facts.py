"""Every number a parent reads on the section's pages comes from FACTS.md.

The pages are rendered as a parent gets them, so everything on them counts: the page text, key
figures, tables, result wordings, the glossary's definitions (on the glossary page and in the
definitions beside linked words), the explainer, and text that comes from templates (the scope
note, the safety line). Every numeral in the page's main content must appear in the fact sheet.

Not counted, because they are not medical figures: the list of sources and the review dates at
the end of each page (titles, years and DOIs of references), and calendar dates written as
"November 2026" (the date a line was last checked)."""

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from django.conf import settings

from mrdinfo.core.content.loader import ContentLoader
from mrdinfo.information.models import GlossaryPage, GlossaryTerm, InformationPage, TopicIndexPage

from .section import SECTION_URLS

pytestmark = pytest.mark.django_db

# docs/FACTS.md is the project's copy of the fact sheet, so this test runs on any clone.
FACTS = Path(settings.BASE_DIR) / "docs" / "FACTS.md"
SHARED_FACTS = Path(settings.BASE_DIR).parent / "shared" / "FACTS.md"
NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
CALENDAR_DATE = re.compile(rf"\b(?:\d{{1,2}} )?(?:{MONTHS}) \d{{4}}\b")
# The home page carries the explainer and the hero's definition of MRD, so it is read too.
PAGES = ["/", *SECTION_URLS]


POWER_OF_TEN = re.compile(r"10\^(\d+)")


def fact_numbers():
    """Every numeral in the fact sheet, and each of its powers of ten written out in full
    (10^12 is also 1,000,000,000,000: the same number, in digits)."""
    text = FACTS.read_text()
    written_out = {f"{10 ** int(power):,}" for power in POWER_OF_TEN.findall(text)}
    return set(NUMBER.findall(text)) | written_out


def numbers_in(html):
    """The numerals a parent reads in a page's main content, leaving out the sources and review
    dates, machine-readable dates, scripts, and calendar dates such as "November 2026"."""
    main = BeautifulSoup(html, "html.parser").find("main")
    assert main is not None, "the page has no <main>"
    for unread in main.select("section.about-information, time, script, style, template"):
        unread.decompose()
    text = CALENDAR_DATE.sub(" ", main.get_text(" "))
    return set(NUMBER.findall(text))


def numbers_not_in_facts(client, urls):
    facts = fact_numbers()
    unknown = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        missing = sorted(numbers_in(response.content.decode()) - facts)
        if missing:
            unknown[url] = missing
    return unknown


def load_content():
    ContentLoader(Path(settings.BASE_DIR) / "content").load()


def test_the_fact_sheet_copy_is_current():
    assert FACTS.exists(), "docs/FACTS.md is missing"
    if SHARED_FACTS.exists():  # on the writers' machine: the copy must match the original
        assert FACTS.read_text() == SHARED_FACTS.read_text(), "docs/FACTS.md differs from shared/FACTS.md"


def test_every_number_on_every_page_and_in_the_glossary_is_in_the_fact_sheet(client):
    load_content()
    # The check reads real figures: the pages are full of them (or it would prove nothing).
    html = client.get("/understanding-mrd/reading-mrd-results/").content.decode()
    assert {"10,000", "0.01", "100,000"} <= numbers_in(html)
    assert GlossaryTerm.objects.filter(definition__regex=r"\d").exists()
    assert numbers_not_in_facts(client, PAGES) == {}


def test_a_number_that_is_not_in_the_fact_sheet_is_caught(client):
    load_content()
    page = InformationPage.objects.get(slug="what-is-mrd")
    page.body.append(("text", "<p>About 42.5 in 100 children need a third course.</p>"))
    page.save_revision().publish()
    term = GlossaryTerm.objects.get(slug="relapse")
    term.definition = "When leukaemia comes back, in about 17 in 100 children."
    term.save()
    hub = TopicIndexPage.objects.get()
    hub.summary = "Answers for the 7,000 families we help."
    hub.save_revision().publish()

    unknown = numbers_not_in_facts(client, PAGES)
    # The page's own text; the glossary page, and the definition shown beside the linked word.
    assert unknown["/understanding-mrd/what-is-mrd/"] == ["17", "42.5"]
    assert unknown["/understanding-mrd/glossary/"] == ["17"]
    assert "7,000" in unknown["/understanding-mrd/"]


def test_review_dates_sources_and_calendar_dates_are_not_counted_as_figures():
    html = (
        "<main><p>Checked in November 2026, on 28 November 2026. About 1 in 10,000.</p>"
        '<p><time datetime="2031-01-01">1 January 2031</time></p>'
        '<section class="about-information"><li>Journal, 1999. doi:10.1234/567</li></section></main>'
    )
    assert numbers_in(html) == {"1", "10,000"}


def test_every_page_that_states_figures_lists_its_sources():
    load_content()
    pages = [
        *InformationPage.objects.live().specific(),
        *TopicIndexPage.objects.live(),
        *GlossaryPage.objects.live(),
    ]
    assert len(pages) == len(SECTION_URLS)
    for page in pages:
        if NUMBER.search(" ".join(str(block.value) for block in page.body if block.block_type != "references")):
            assert page.references() if hasattr(page, "references") else True, page.url_path
