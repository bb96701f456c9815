"""Every figure a parent reads on the section's pages comes from FACTS.md.

The pages are rendered as a parent gets them, so everything on them counts: the page text, key
figures, tables, result wordings, the glossary's definitions (on the glossary page and in the
definitions beside linked words), the explainer (its HTML, the labels a screen reader reads and
the words its script shows), and text that comes from templates (the scope note, the safety
line). Numbers written in words count too: "one in ten thousand" is 1 and 10,000, "a million
million" is 10^12. How figures are read, and what is not counted and why: figures.py (EXEMPT)."""

from pathlib import Path

import pytest

from django.conf import settings

from wagtail.models import Page, ReferenceIndex

from mrdinfo.explainer.models import Explainer
from mrdinfo.information.models import GlossaryPage, GlossaryTerm, InformationPage, TopicIndexPage

from .figures import EXEMPT, NUMERAL, fact_figures, figures_in_page, figures_in_text
from .section import SECTION_URLS

pytestmark = pytest.mark.django_db

# docs/FACTS.md is the project's copy of the fact sheet, so this test runs on any clone.
FACTS = Path(settings.BASE_DIR) / "docs" / "FACTS.md"
# Facts checked against a real source but not yet copied into the fact sheet (same format).
FACTS_ADDITIONS = Path(settings.BASE_DIR) / "docs" / "FACTS-additions.md"
SHARED_FACTS = Path(settings.BASE_DIR).parent / "shared" / "FACTS.md"


def pages_to_read():
    """Every live information page, topic index and glossary, and every live page that shows an
    explainer (the home page does), from the database rather than a list, so a new page is read."""
    pages = [
        *InformationPage.objects.live(),
        *TopicIndexPage.objects.live(),
        *GlossaryPage.objects.live(),
    ]
    for explainer in Explainer.objects.all():
        ids = ReferenceIndex.get_references_to(explainer).values_list("object_id", flat=True)
        pages += list(Page.objects.live().filter(pk__in=[int(pk) for pk in ids if str(pk).isdigit()]))
    urls = sorted({page.url for page in pages})
    assert set(SECTION_URLS) | {"/"} <= set(urls), urls
    return urls


def known_figures():
    """The figures of the fact sheet and of the facts awaiting it."""
    additions = FACTS_ADDITIONS.read_text() if FACTS_ADDITIONS.exists() else ""
    return fact_figures(FACTS.read_text()) | fact_figures(additions)


def numbers_not_in_facts(client, urls=None):
    facts = known_figures()
    unknown = {}
    for url in urls or pages_to_read():
        response = client.get(url)
        assert response.status_code == 200, url
        missing = sorted(figures_in_page(response.content.decode()) - facts)
        if missing:
            unknown[url] = missing
    return unknown


def test_the_fact_sheet_copy_is_current():
    assert FACTS.exists(), "docs/FACTS.md is missing"
    if SHARED_FACTS.exists():  # on the writers' machine: the copy must match the original
        assert FACTS.read_text() == SHARED_FACTS.read_text(), "docs/FACTS.md differs from shared/FACTS.md"


def test_every_number_on_every_page_and_in_the_glossary_is_in_the_fact_sheet(site_content, client):
    # The check reads real figures: the pages are full of them (or it would prove nothing),
    # in numerals, in words and in the explainer's script data.
    html = client.get("/understanding-mrd/reading-mrd-results/").content.decode()
    assert {"10,000", "0.01", "100,000"} <= figures_in_page(html)
    home = client.get("/").content.decode()
    assert {"1,000,000,000,000", "100,000,000,000", "thousands of millions"} <= figures_in_page(home)
    assert GlossaryTerm.objects.filter(definition__regex=r"\d").exists()
    assert numbers_not_in_facts(client) == {}


def test_a_number_that_is_not_in_the_fact_sheet_is_caught(site_content, client):
    page = InformationPage.objects.get(slug="what-is-mrd")
    page.body.append(("text", "<p>About 42.5 in 100 children need a third course.</p>"))
    page.save_revision().publish()
    term = GlossaryTerm.objects.get(slug="relapse")
    term.definition = "When leukaemia comes back, in about 17 in 100 children."
    term.save()
    hub = TopicIndexPage.objects.get()
    hub.summary = "Answers for the 7,000 families we help."
    hub.save_revision().publish()

    unknown = numbers_not_in_facts(client)
    # The page's own text; the glossary page, and the definition shown beside the linked word.
    assert unknown["/understanding-mrd/what-is-mrd/"] == ["17", "42.5"]
    assert unknown["/understanding-mrd/glossary/"] == ["17"]
    assert "7,000" in unknown["/understanding-mrd/"]


def test_a_number_in_words_or_in_the_explainer_that_is_not_in_the_fact_sheet_is_caught(site_content, client):
    page = InformationPage.objects.get(slug="remission")
    page.body.append(("text", "<p>About one in fifty children, or two thirds of a hundred and six.</p>"))
    page.save_revision().publish()
    explainer = Explainer.objects.get()
    stage = explainer.stages.first()
    stage.name = "Diagnosis, with 4,321 cells"
    stage.save()
    explainer.save_revision().publish()

    unknown = numbers_not_in_facts(client)
    assert unknown["/understanding-mrd/remission/"] == ["106", "50", "two thirds"]
    assert unknown["/"] == ["4,321"]  # the explainer on the home page


def test_numbers_in_words_are_read_as_numbers():
    assert figures_in_text("one in ten thousand") == {"1", "10,000"}
    assert figures_in_text("about a million million cells") == {"1,000,000,000,000"}
    assert figures_in_text("as many as a hundred thousand million") == {"100,000,000,000"}
    assert figures_in_text("ten thousand million, or a thousand million") == {"10,000,000,000", "1,000,000,000"}
    assert figures_in_text("twenty-five, a hundred and twenty") == {"25", "120"}
    assert figures_in_text("between one and two courses") == {"1", "2"}
    assert figures_in_text("about half, a third of them, three quarters") == {"half", "a third", "three quarters"}
    assert figures_in_text("a third course") == set()  # an ordinal: which course, not how many
    assert figures_in_text("10¹² cells, 10^9 cells, 10⁻⁴") == {"1,000,000,000,000", "1,000,000,000", "10^-4"}


def test_what_is_not_counted_as_a_figure():
    html = (
        "<header>Registered charity 1234567</header><main>"
        "<p>Checked in November 2026, on 28 November 2026. About 1 in 10,000.</p>"
        '<p><time datetime="2031-01-01">1 January 2031</time></p>'
        "<p>The first and second course. Ask more than once or twice. Thousands of healthy cells.</p>"
        '<script type="application/json">{"exponent": 12, "label": "1 in 100"}</script>'
        '<section class="about-information"><li>Journal, 1999. doi:10.1234/567</li></section></main>'
    )
    assert figures_in_page(html) == {"1", "10,000", "100"}
    assert len(EXEMPT) == 8  # each exemption is listed, with why, in figures.py


def test_screen_reader_text_is_read():
    html = '<main><div role="slider" aria-valuetext="1 in 37 cells"></div><img alt="42 cells" src="x"></main>'
    assert figures_in_page(html) == {"1", "37", "42"}


def test_every_page_that_states_figures_lists_its_sources(site_content):
    pages = [
        *InformationPage.objects.live().specific(),
        *TopicIndexPage.objects.live(),
        *GlossaryPage.objects.live(),
    ]
    assert len(pages) == len(SECTION_URLS)
    for page in pages:
        if NUMERAL.search(" ".join(str(block.value) for block in page.body if block.block_type != "references")):
            assert page.references() if hasattr(page, "references") else True, page.url_path


def test_a_number_from_the_facts_awaiting_the_fact_sheet_is_accepted_and_only_from_there():
    """38 (the fever threshold) is not in FACTS.md, only in FACTS-additions.md: the test must
    read both files, and each addition must say where it comes from."""
    assert "38" not in fact_figures(FACTS.read_text())
    assert "38" in known_figures()
    rows = [line for line in FACTS_ADDITIONS.read_text().splitlines() if line.startswith("| ") and "---" not in line]
    facts = [row for row in rows if not row.startswith("| fact ")]
    assert facts, "FACTS-additions.md has no facts"
    for row in facts:
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        assert len(cells) == 4 and cells[2] and cells[3] in {"H", "M", "L"}, row
