"""Plain language: every page of the section in content/ reads at Flesch reading ease 70 or more
(textstat 0.7.8) with no sentence over 25 words, measured over the prose a parent reads
(reading.py says what counts). The glossary page is read with its definitions, and the scope
note and safety line that templates add to every page are held to the same rules."""

import pytest
from bs4 import BeautifulSoup

from mrdinfo.information.models import GlossaryPage, GlossaryTerm, InformationPage, TopicIndexPage
from mrdinfo.information.reading import LONGEST_SENTENCE, TARGET, long_sentences, prose_of, reading_ease
from mrdinfo.information.tests.factories import InformationPageFactory

pytestmark = pytest.mark.django_db


def loaded_pages():
    definitions = " ".join(GlossaryTerm.objects.values_list("definition", flat=True))
    pages = {page.url_path: prose_of(page) for page in InformationPage.objects.live()}
    pages |= {page.url_path: prose_of(page) for page in TopicIndexPage.objects.live()}
    pages |= {page.url_path: prose_of(page) + " " + definitions for page in GlossaryPage.objects.live()}
    return pages


def test_every_loaded_page_reads_at_70_or_more_with_no_sentence_over_25_words(site_content):
    pages = loaded_pages()
    assert len(pages) >= 8
    hard = {url: round(reading_ease(text), 1) for url, text in pages.items() if reading_ease(text) < TARGET}
    assert not hard, f"these pages read below Flesch {TARGET}: {hard}"
    long = {url: long_sentences(text) for url, text in pages.items() if long_sentences(text)}
    assert not long, f"sentences over {LONGEST_SENTENCE} words: {long}"


def test_the_scope_note_and_safety_line_are_plain_too(site_content, client):
    soup = BeautifulSoup(client.get("/understanding-mrd/remission/").content.decode(), "html.parser")
    for selector in (".scope-note", ".safety-line"):
        text = soup.select_one(selector).get_text(" ", strip=True)
        assert not long_sentences(text), selector
        assert reading_ease(text) >= TARGET, selector


def test_a_long_sentence_is_caught():
    short = "The test found a few cells. Your team will explain."
    long = (
        "The test, which the lab sets up for each child from the sample taken when the leukaemia was "
        "first found, can find one cell in many thousands of healthy cells."
    )
    assert long_sentences(short) == []
    assert long_sentences(f"{short} {long}") == [long]
    # Decimal points and P values do not end a sentence.
    assert long_sentences("It was 0.01% and P = .09 in the trial.") == []


def test_the_measure_catches_hard_prose_and_counts_only_prose(hub):
    hard = (
        "<p>Minimal residual disease quantification, performed utilising polymerase chain reaction "
        "amplification of immunoglobulin and T-cell receptor gene rearrangements, constitutes the "
        "predominant prognostic determinant in contemporary paediatric haematological oncology.</p>"
    )
    page = InformationPageFactory(
        parent=hub,
        title="Hard",
        summary="This is hard.",
        body=[
            ("heading", {"text": "Not counted", "level": "2"}),
            ("text", hard),
            (
                "references",
                {
                    "references": [
                        {"title": "Never counted", "publisher": "Journal", "year": "2020", "url": "https://e.org/"}
                    ]
                },
            ),
        ],
    )
    text = prose_of(page)
    assert "Not counted" not in text and "Never counted" not in text
    assert reading_ease(text) < TARGET


def test_list_items_are_read_as_sentences(hub):
    page = InformationPageFactory(
        parent=hub,
        title="Lists",
        summary="A list.",
        body=[("text", "<ul><li>when your child is diagnosed</li><li>at the end of the first month</li></ul>")],
    )
    assert prose_of(page) == "A list. when your child is diagnosed. at the end of the first month."
