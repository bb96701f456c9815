"""What the clinical read of November 2026 found wrong or missing, pinned on the served pages
(issue 11): the scope statement and the safety line, "indeterminate" never called good news,
no "alive and well", a "found" section with next steps on the results page, the UK ALL 2003
corrections, and references a reader can follow. Each test reads the pages as a parent gets
them, after loading the real content/."""

import re

import pytest
from bs4 import BeautifulSoup

from mrdinfo.information.models import GlossaryPage, GlossaryTerm, InformationPage, TopicIndexPage

from .section import SECTION_URLS

pytestmark = pytest.mark.django_db

SCOPE_WORDS = (
    "acute lymphoblastic leukaemia (ALL) in children and young people",
    "AML",
    "babies under 1",
    "Philadelphia-positive",
)


@pytest.fixture
def pages(client, site_content):
    """Every page of the section and the home page, as parsed HTML, after loading content/."""
    parsed = {}
    for url in ["/", *SECTION_URLS]:
        response = client.get(url)
        assert response.status_code == 200, url
        parsed[url] = BeautifulSoup(response.content.decode(), "html.parser")
    return parsed


def text_of(element):
    """The words a reader reads, without the glossary's "?" buttons and pop-up definitions."""
    copy = BeautifulSoup(str(element), "html.parser")
    for extra in copy.select(".glossary-popover, .glossary-term__toggle"):
        extra.decompose()
    # Pieces are joined with spaces (so list items stay apart); a link then leaves "trial ,".
    return re.sub(r"\s+([,.;:!?])(?=\s|$)", r"\1", " ".join(copy.get_text(" ").split()))


def result_wording(soup, wording):
    """The "what your result may say" entry for one wording (shown in quotation marks)."""
    for item in soup.select(".result-wording"):
        if text_of(item.select_one(".result-wording__wording")).strip('“”"') == wording:
            return item
    raise AssertionError(f"no result wording {wording!r}")


def main_text(soup):
    return text_of(soup.find("main"))


def sentences(text):
    return re.split(r"(?<=[.!?])\s+", text)


def test_the_scope_statement_is_near_the_top_of_home_the_hub_and_every_information_page(pages):
    for url, soup in pages.items():
        note = soup.select_one("main .scope-note")
        assert note is not None, url
        for words in SCOPE_WORDS:
            assert words in text_of(note), (url, words)
        # Near the top: before the first section of the page's own content.
        first_section = soup.select_one("main h2:not(.contents-list__title)")
        assert note.sourceline < first_section.sourceline, url


def test_every_information_page_has_the_safety_line(pages):
    for url in SECTION_URLS:
        line = pages[url].select_one("main .safety-line")
        assert line is not None, url
        text = text_of(line)
        assert "temperature" in text and "24-hour number now" in text, url


def test_no_page_calls_indeterminate_good_news_or_says_alive_and_well(pages):
    reassuring = re.compile(r"good news|not mean the news is bad|nothing to worry|good result", re.IGNORECASE)
    for url, soup in pages.items():
        text = main_text(soup)
        assert "alive and well" not in text.lower(), url
        for sentence in sentences(text):
            if "indeterminate" in sentence.lower():
                assert not reassuring.search(sentence), (url, sentence)
    wording = result_wording(pages["/understanding-mrd/reading-mrd-results/"], "Indeterminate")
    meaning = text_of(wording.select_one(".result-wording__meaning"))
    assert "leukaemia still found at a low level" in meaning
    # C10 of the 2026-12-01 read: it can say something about response, so ask which meaning.
    assert "Ask which one it means for your child" in meaning
    assert not reassuring.search(meaning)


def test_the_results_page_has_a_found_section_with_next_steps_behind_the_gentle_warning(pages):
    soup = pages["/understanding-mrd/reading-mrd-results/"]
    heading = soup.find("h2", id="if-the-test-found-leukaemia-cells")
    assert heading is not None and text_of(heading) == "If the test found leukaemia cells"
    warning = heading.find_previous(class_="callout--gentle-warning")
    assert warning is not None and "skip" in text_of(warning).lower()
    section = []
    for element in heading.find_all_next():
        if element.name == "h2":
            break
        section.append(element)
    text = " ".join(text_of(element) for element in section if element.name in ("p", "li"))
    assert "does not mean that treatment has failed" in text
    steps = [text_of(item) for element in section if element.name == "ul" for item in element.find_all("li")]
    assert any("stronger chemotherapy" in step for step in steps)
    assert any("another MRD test" in step for step in steps)
    assert any("stem cell transplant" in step for step in steps)
    assert "more than 8 in 10" in text
    # The "positive, with a number" wording points to it rather than leaving the result hanging.
    assert "If the test found leukaemia cells" in text_of(result_wording(soup, "Positive, with a number"))


def test_below_001_percent_is_explained_both_ways_and_results_are_shown_in_every_notation(pages):
    soup = pages["/understanding-mrd/reading-mrd-results/"]
    wording = result_wording(soup, "Below 0.01%")
    meaning = text_of(wording)
    assert "found leukaemia cells, but fewer than 1 in 10,000" in meaning and "nothing was found" in meaning
    assert "Ask your care team which one" in meaning
    table = soup.select_one(".simple-table table")
    rows = [[text_of(cell) for cell in row.find_all(["th", "td"])] for row in table.select("tbody tr")]
    assert ["0.01%", "1 × 10⁻⁴ or 1E-04", "1 in 10,000"] in rows
    assert len(rows) == 5 and all(len(row) == 3 for row in rows)
    assert [text_of(th) for th in table.select("thead th")] == [
        "As a percentage",
        "As a power of ten",
        "In plain words",
    ]


def test_the_overstatements_are_gone_and_the_not_zero_caveat_is_everywhere_mrd_is_defined(pages):
    home = pages["/"]
    hero = text_of(home.select_one(".hero__text"))
    assert "more than once" in hero and "none found" in hero and "special test can find them" not in hero
    hub = main_text(pages["/understanding-mrd/"])
    assert "more than once" in hub and "does not always mean that none are left" in hub
    assert "A special test can find them." not in hub
    definition = GlossaryTerm.objects.get(slug="minimal-residual-disease").definition
    assert "none found" in definition and "special test can find them" not in definition
    what_is = InformationPage.objects.get(slug="what-is-mrd")
    assert "after the first month" not in what_is.summary and "more than once" in what_is.summary
    assert "measurable residual disease" in main_text(pages["/understanding-mrd/what-is-mrd/"])


def test_blast_cells_are_not_called_leukaemia_cells_at_remission(pages):
    remission = main_text(pages["/understanding-mrd/remission/"])
    assert "Not every blast cell is a leukaemia cell" in remission
    assert "cannot reliably tell the two apart" in remission
    test_page = main_text(pages["/understanding-mrd/the-mrd-test/"])
    assert "still have a lot of leukaemia that a microscope cannot see" not in test_page
    assert "about 1 leukaemia cell in 100" in test_page
    blasts = GlossaryTerm.objects.get(slug="blast-cells").definition
    assert "healthy young cells" in blasts and "most blast cells are cancer cells" not in blasts


def test_the_test_page_is_dated_and_qualified(pages):
    text = main_text(pages["/understanding-mrd/the-mrd-test/"])
    assert "usually uses a lab method called PCR" in text
    assert "In older UK trials it was at week 11 (UKALL 2003) or week 14 (UKALL 2011)." in text
    assert "about 1 in 1,000 to 1 in 10,000" in text
    assert "not used routinely for children with ALL in the UK" in text
    assert "cannot pass it on" in text  # the leukaemia's DNA pattern is not inherited
    assert "no usable marker" in text.lower()
    assert "general anaesthetic" in text and "lumbar puncture" in text
    # What it says about waiting for a result gives no number of days or weeks (FACTS: none known).
    waiting = pages["/understanding-mrd/the-mrd-test/"].find(
        lambda element: element.name == "p" and "Waiting can be very hard" in element.get_text()
    )
    assert waiting is not None
    about_waiting = [waiting, *waiting.find_next_siblings("p")]
    assert not any(re.search(r"\b\d+ (?:days|weeks)\b", text_of(paragraph)) for paragraph in about_waiting)


def test_uk_all_2003_is_reported_as_the_papers_report_it(pages):
    soup = pages["/understanding-mrd/uk-all-2003/"]
    text = main_text(soup)
    # The clinical read of 2026-12-01 (C21) took the P value out: test_clinical_read_2026_12.py.
    assert "could not be sure that it helped everyone in this group" in text
    assert "high-risk gene changes" in text
    assert "Only children in the standard and intermediate groups were then grouped by MRD" in text
    assert "were event-free" in text
    assert "expected to run until about mid-2027. We last checked this in November 2026." in text
    sources = text_of(soup.select_one("section.about-information"))
    assert "Moorman AV" in sources and "Augmented post-remission therapy" in sources
    assert "UKALL 2011 trial results" not in sources and "G0300130" not in sources
    assert "£3 million" not in text


def test_every_reference_has_a_title_year_and_doi_or_link_and_a_real_publisher(pages):
    pages_with_sources = [
        *InformationPage.objects.live().specific(),
        *TopicIndexPage.objects.live(),
        *GlossaryPage.objects.live(),
    ]
    seen = 0
    for page in pages_with_sources:
        for reference in page.references() if hasattr(page, "references") else []:
            seen += 1
            where = (page.url_path, reference["title"])
            assert reference["title"].strip(), where
            assert re.search(r"\b(19|20)\d\d\b", reference["year"]), where
            assert reference["doi"] or reference["url"], where
            assert reference["publisher"].strip().casefold() not in {"the charity", "charity"}, where
    assert seen >= 30
    # And on the page: each source is a list item with a link a reader can follow.
    for url in SECTION_URLS:
        items = pages[url].select("ol.references li.reference")
        assert items, url
        for item in items:
            assert item.get("id", "").startswith("source-"), url
            assert item.find("a", href=re.compile(r"^https://")), (url, text_of(item))


def test_every_key_figure_links_to_the_reference_it_comes_from(pages):
    figures = 0
    for url in SECTION_URLS:
        soup = pages[url]
        for figure in soup.select(".key-figure"):
            figures += 1
            link = figure.select_one(".key-figure__source a")
            assert link is not None, (url, text_of(figure))
            target = soup.find(id=link["href"].removeprefix("#"))
            assert target is not None and "reference" in target.get("class", []), (url, link["href"])
    assert figures >= 6


def test_the_questions_page_has_the_new_questions(pages):
    text = main_text(pages["/understanding-mrd/questions-to-ask/"])
    for question in (
        "Which MRD test does the lab use, and how small an amount can it find?",
        "Is the result above or below the level that changes treatment?",
        "Can I have a copy of the report?",
        "Is my child on a trial? Can we see its information sheet?",
        "Will my child be asleep for the marrow test?",
        "What happens if MRD is still there at the next test?",
    ):
        assert question in text, question


def test_support_and_what_comes_next_are_covered(pages):
    hub = main_text(pages["/understanding-mrd/"])
    assert "clinical nurse specialist" in hub and "start with them" in hub
    assert not re.search(r"\b0\d{3} ?\d{3} ?\d{3,4}\b", hub)  # no phone numbers FACTS does not give
    what_is = main_text(pages["/understanding-mrd/what-is-mrd/"])
    assert "about 2 to 3 years" in what_is and "Interim maintenance" in what_is
    remission = main_text(pages["/understanding-mrd/remission/"])
    # "About 4 in 100" could not be confirmed in its source (C11 of the 2026-12-01 read).
    assert "not in remission after the first month" in remission and "a few children in every 100" in remission
    assert "still well 6 to 7 years after diagnosis" in remission and "less than 1 in 100" in remission
    results = main_text(pages["/understanding-mrd/reading-mrd-results/"])
    assert "B-cell or T-cell ALL" in results and "white blood cells" in results
