"""Glossary-linked prose is a property of the blocks that hold prose (text, callouts, result
wordings, questions), wherever they are placed (core/pages/prose.py, glossary.py)."""

import pytest
from bs4 import BeautifulSoup

from mrdinfo.core.measuring.queries import page_cache_bypass
from mrdinfo.core.pages.blocks import CalloutBlock
from mrdinfo.information.blocks import ResultWordingsBlock
from mrdinfo.information.tests.factories import InformationPageFactory
from mrdinfo.testing.factories import GeneralPageFactory

pytestmark = pytest.mark.django_db


def glossary_links(html):
    """(glossary entry, linked words) of every glossary link, in order."""
    soup = BeautifulSoup(html, "html.parser")
    return [(link["href"].split("#")[1], link.get_text()) for link in soup.select("main a.glossary-term__link")]


def page_html(client, page):
    response = client.get(page.url, headers=page_cache_bypass())
    assert response.status_code == 200
    return response.content.decode()


def test_prose_on_a_general_page_links_the_glossary(client, hub, glossary_page, terms):
    page = GeneralPageFactory(
        parent=hub.get_parent(),
        title="About us",
        body=[
            ("callout", {"style": "information", "heading": "", "text": "<p>We explain MRD.</p>"}),
            ("text", "<p>Remission, and MRD again.</p>"),
        ],
    )
    assert glossary_links(page_html(client, page)) == [
        ("minimal-residual-disease", "MRD"),
        ("remission", "Remission"),
    ]


def test_result_wordings_and_questions_link_the_glossary(client, hub, glossary_page, terms):
    page = InformationPageFactory(
        parent=hub,
        title="Results",
        body=[
            ("questions", {"intro": "", "questions": ["Is my child in remission?"]}),
            (
                "result_wordings",
                {"results": [{"wording": "MRD negative", "meaning": "<p>No MRD was found.</p>"}]},
            ),
        ],
    )
    html = page_html(client, page)
    # The wording itself ("MRD negative") is a label, not prose: the meaning's MRD is linked.
    assert glossary_links(html) == [("remission", "remission"), ("minimal-residual-disease", "MRD")]
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one(".result-wording__wording").get_text() == "“MRD negative”"
    assert soup.select_one(".questions__item").get_text().startswith("Is my child in remission")


def test_links_to_pages_in_any_prose_block_are_resolved(client, hub, glossary_page, terms):
    target = InformationPageFactory(parent=hub, title="Target page")
    link = f'<a linktype="page" id="{target.pk}">the target</a>'
    page = GeneralPageFactory(
        parent=hub.get_parent(),
        title="Linking",
        body=[
            ("callout", {"style": "important", "heading": "", "text": f"<p>See {link}.</p>"}),
            ("text", f"<p>Or read {link}.</p>"),
        ],
    )
    html = page_html(client, page)
    soup = BeautifulSoup(html, "html.parser")
    hrefs = [a["href"] for a in soup.select("main .rich-text a") if a.get_text() == "the target"]
    assert hrefs == [target.url, target.url]
    assert "linktype" not in html

    info = InformationPageFactory(
        parent=hub,
        title="Reading",
        body=[("result_wordings", {"results": [{"wording": "Positive", "meaning": f"<p>Read {link}.</p>"}]})],
    )
    soup = BeautifulSoup(page_html(client, info), "html.parser")
    assert soup.select_one(".result-wording__meaning a")["href"] == target.url


def test_a_block_rendered_on_its_own_resolves_its_links(hub, glossary_page, terms):
    """Outside a stream (an editor's block preview) nothing resolves links afterwards, so the
    block does it itself; glossary linking is the stream's, so none is added."""
    target = InformationPageFactory(parent=hub, title="Target page")
    callout = CalloutBlock()
    value = callout.to_python(
        {"style": "information", "heading": "", "text": f'<p>MRD: <a linktype="page" id="{target.pk}">read</a></p>'}
    )
    html = str(callout.render(value))
    assert f'href="{target.url}"' in html and "linktype" not in html and "glossary-term" not in html

    wordings = ResultWordingsBlock()
    value = wordings.to_python(
        {"results": [{"wording": "X", "meaning": f'<p><a linktype="page" id="{target.pk}">read</a></p>'}]}
    )
    assert f'href="{target.url}"' in str(wordings.render(value))


def test_a_page_with_two_streams_links_each_term_once(rf, hub, glossary_page, terms):
    """Two streams on one page (an introduction and an aside): the second leaves alone the terms
    the first linked, so no definition's id appears twice on the page."""
    from mrdinfo.core.pages.blocks import BaseStreamBlock

    stream = BaseStreamBlock()
    request = rf.get("/", HTTP_HOST="localhost")
    first = stream.to_python([{"type": "text", "value": "<p>MRD and remission.</p>"}])
    second = stream.to_python([{"type": "text", "value": "<p>MRD again, and bone marrow.</p>"}])
    assert [slug for slug, _ in glossary_links(f"<main>{stream.render(first, {'request': request})}</main>")] == [
        "minimal-residual-disease",
        "remission",
    ]
    assert glossary_links(f"<main>{stream.render(second, {'request': request})}</main>") == [
        ("bone-marrow", "bone marrow")
    ]
