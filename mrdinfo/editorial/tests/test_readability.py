"""The reading-ease panel in the page editor: the right score for a known text, the longest
sentences, the long words the glossary does not explain; below 65 it warns but never blocks."""

import re

import pytest

from django.urls import reverse

from mrdinfo.information.reading import longest_sentences, terms_not_in_glossary
from mrdinfo.information.tests.factories import GlossaryTermFactory, InformationPageFactory, TopicIndexPageFactory

from .factories import StaffFactory
from .helpers import submit_for_sign_off

pytestmark = pytest.mark.django_db

HARD = (
    "Stratification necessitates comprehensive immunophenotypic characterisation of residual leukaemic "
    "populations, utilising quantitative methodologies with considerable analytical sensitivity."
)


def flesch(words, sentences, syllables):
    return 206.835 - 1.015 * (words / sentences) - 84.6 * (syllables / words)


def panel(client, page):
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    match = re.search(r"data-reading-ease-panel.*?</div>", html, re.S)
    assert match, "no reading ease panel"
    return match.group(0)


@pytest.fixture
def hub(home_page):
    return TopicIndexPageFactory(parent=home_page)


def test_panel_shows_the_flesch_score_of_a_known_text(hub, admin_client):
    # "The cat sat on the mat. It was a sunny day.": 11 words, 2 sentences, 12 syllables.
    page = InformationPageFactory(
        parent=hub, title="Known text", summary="The cat sat on the mat.", body=[("text", "<p>It was a sunny day.</p>")]
    )
    expected = round(flesch(11, 2, 12))
    assert expected == 109
    html = panel(admin_client, page)
    assert f"Reading ease: {expected}</strong>" in html
    assert "data-reading-ease-warning" not in html
    # Flesch–Kincaid grade 0.39 × 11/2 + 11.8 × 12/11 − 15.59 = −0.57, plus five years: about 4.
    assert round(0.39 * 11 / 2 + 11.8 * 12 / 11 - 15.59 + 5) == 4
    assert "Reading age: about 4</strong> (aim for 9 to 11)" in html


def test_hard_text_warns_lists_longest_sentences_and_unexplained_terms(hub, admin_client):
    GlossaryTermFactory(term="Immunophenotyping", other_names="immunophenotypic")
    page = InformationPageFactory(
        parent=hub, title="Hard words", summary="MRD is a test.", body=[("text", f"<p>{HARD}</p><p>It is short.</p>")]
    )
    html = panel(admin_client, page)
    score = int(re.search(r"Reading ease: (-?\d+)", html).group(1))
    assert score < 65
    assert "data-reading-ease-warning" in html and "Below 65" in html
    longest = re.search(r"data-longest-sentences>(.*?)</ol>", html, re.S).group(1)
    assert longest.index("Stratification") < longest.index("It is short.")
    terms = re.search(r"data-unexplained-terms>(.*?)</ul>", html, re.S).group(1)
    assert "Stratification" in terms and "characterisation" in terms
    assert "immunophenotypic" not in terms  # the glossary explains it


def test_below_65_does_not_block_sign_off_and_publishing(hub):
    team = StaffFactory.create_team()
    page = InformationPageFactory(parent=hub, title="Hard but needed", body=[("text", f"<p>{HARD}</p>")], draft=True)
    submit_for_sign_off(page, team["editor"]).current_task_state.approve(user=team["reviewer"])
    page.refresh_from_db()
    assert page.live


def test_reading_helpers():
    text = "One two three. One two three four five. One."
    assert [s["words"] for s in longest_sentences(text)] == [5, 3, 1]
    assert terms_not_in_glossary("Remission and chemotherapy happen.", ["remission"]) == ["chemotherapy"]


def test_everyday_long_words_are_not_listed_as_terms():
    # The journeys review's list: words every parent knows, which taught editors to ignore it.
    everyday = "Families usually find hospitals comfortable; scientists diagnosed it, for example."
    assert terms_not_in_glossary(everyday, []) == []
    jargon = "A haematological malignancy necessitates submicroscopic checks."
    assert terms_not_in_glossary(jargon, []) == ["haematological", "malignancy", "necessitates", "submicroscopic"]
