"""Plain language: every information page in content/ reads at Flesch reading ease 65 or more
(textstat 0.7.8), measured over the prose a parent reads (reading.py says what counts)."""

from pathlib import Path

import pytest
from django.conf import settings

from mrdinfo.core.content.loader import ContentLoader
from mrdinfo.information.factories import make_information_page
from mrdinfo.information.models import InformationPage
from mrdinfo.information.reading import TARGET, prose_of, reading_ease

pytestmark = pytest.mark.django_db


def test_every_loaded_information_page_reads_at_65_or_more():
    ContentLoader(Path(settings.BASE_DIR) / "content").load()
    pages = list(InformationPage.objects.live())
    assert len(pages) >= 6
    scores = {page.url_path: reading_ease(prose_of(page)) for page in pages}
    hard = {url: round(score, 1) for url, score in scores.items() if score < TARGET}
    assert not hard, f"these pages read below Flesch {TARGET}: {hard}"


def test_the_measure_catches_hard_prose_and_counts_only_prose(hub):
    hard = (
        "<p>Minimal residual disease quantification, performed utilising polymerase chain reaction "
        "amplification of immunoglobulin and T-cell receptor gene rearrangements, constitutes the "
        "predominant prognostic determinant in contemporary paediatric haematological oncology.</p>"
    )
    page = make_information_page(
        hub,
        "Hard",
        summary="This is hard.",
        body=[
            ("heading", {"text": "Not counted", "level": "2"}),
            ("text", hard),
            ("references", {"references": [{"title": "Never counted", "publisher": "Journal", "year": "", "url": ""}]}),
        ],
    )
    text = prose_of(page)
    assert "Not counted" not in text and "Never counted" not in text
    assert reading_ease(text) < TARGET


def test_list_items_are_read_as_sentences(hub):
    page = make_information_page(
        hub,
        "Lists",
        summary="A list.",
        body=[("text", "<ul><li>when your child is diagnosed</li><li>at the end of the first month</li></ul>")],
    )
    assert prose_of(page) == "A list. when your child is diagnosed. at the end of the first month."
