"""The result reader on a page, without JavaScript: a GET form with a `result` parameter that
the server answers on the same page; bad input gets "we could not read that", never a 500 and
never a guessed number; the assets are linked once; queries stay flat."""

import pytest
from bs4 import BeautifulSoup

from mrdinfo.core.measuring.budgets import PAGE_QUERY_BUDGET
from mrdinfo.core.measuring.queries import count_queries
from mrdinfo.explainer.blocks import RESULT_PARAMETER
from mrdinfo.explainer.tests.factories import ExplainerFactory
from mrdinfo.information.tests.factories import InformationPageFactory, TopicIndexPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def results_page(home_page):
    explainer = ExplainerFactory()
    hub = TopicIndexPageFactory(parent=home_page)
    return InformationPageFactory(
        parent=hub,
        title="Reading results",
        body=[
            ("text", "<p>How results are written.</p>"),
            ("result_reader", {"explainer": explainer, "heading": ""}),
            ("explainer", {"explainer": explainer, "heading": "", "start_stage": ""}),
        ],
    )


def reader_of(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return soup, soup.find("section", id="result-reader")


def text_of(node):
    return " ".join(node.get_text(" ").split())


def test_the_form_is_a_get_form_with_a_result_field_and_no_answer_yet(client, results_page):
    soup, reader = reader_of(client, results_page.url)
    form = reader.find("form")
    assert form["method"] == "get" and form["action"] == "#result-reader"
    field = form.find("input", attrs={"name": RESULT_PARAMETER})
    assert RESULT_PARAMETER == "result" and field["type"] == "text"
    assert reader.find("label", attrs={"for": field["id"]}) is not None
    assert not text_of(reader.find(attrs={"data-result-reader-answer": True}))
    # The reader and the explainer share one stylesheet, linked once; each script once.
    html = str(soup)
    assert html.count("explainer/explainer.css") == 1
    # explainer.js twice: in <head>, holding the first paint (core's head_tags), and with the
    # block; a module runs once, however often it is linked.
    assert html.count("explainer/result-reader.js") == 1 and html.count("explainer/explainer.js") == 2


def test_the_server_answers_on_the_same_page(client, results_page):
    _, reader = reader_of(client, results_page.url, result="1E-04")
    answer = reader.find(attrs={"data-result-reader-answer": True})
    text = text_of(answer)
    assert answer.find(attrs={"data-result-reader-headline": True}).get_text() == "1 in 10,000 cells of the sample"
    assert "Labs may also write this as 0.01%, or 1 × 10⁻⁴, or 1E-04." in text
    assert "Microscope: cannot find a share this small." in text
    assert "MRD test by PCR: can find a share this size." in text
    assert text.endswith("Ask your care team what this means for your child.")
    # Placed on the scale: the row for 1 in 10,000 is marked, beside the MRD test's floor.
    here = answer.find(attrs={"data-result-reader-here": True})
    assert "1 in 10,000" in here.get_text() and "◀ this result" in here.get_text()
    assert "MRD test by PCR finds down to here" in here.get_text()
    # What was typed is kept in the field, and the announcement text is ready for the script.
    assert reader.find("input", attrs={"name": "result"})["value"] == "1E-04"
    assert (
        answer["data-summary"] == "1 in 10,000 cells of the sample. Ask your care team what this means for your child."
    )


CD19 = "<0.01% of CD19+ cells by flow"


@pytest.mark.parametrize(
    ("typed", "attributes"),
    [
        (
            CD19,
            {
                "kind": "share",
                "words": "Fewer than 1 in 10,000 of the CD19+ cells counted",
                "typed": CD19,
                "share": "1/10000",
                "comparison": "below",
                "cells": "CD19+ cells",
                "method": "flow",
            },
        ),
        (
            "  Negative (1 in 100,000) ",
            {
                "kind": "none_found",
                "words": "None found, by a test that can find 1 in 100,000",
                "typed": "Negative (1 in 100,000)",
                "share": "1/100000",
                "comparison": "exact",
            },
        ),
        ("MRD positive", {"kind": "positive", "words": "Found", "typed": "MRD positive"}),
        ("0.01", {"kind": "question"}),
        ("abc", {"kind": "not_read"}),
    ],
)
def test_the_answer_carries_its_reading_as_data_attributes(client, results_page, typed, attributes):
    """What the results diary stores (and the script's answer carries the same: test_reader_table)."""
    _, reader = reader_of(client, results_page.url, result=typed)
    answer = reader.find(attrs={"data-result-reader-answer": True})
    prefix = "data-reading-"
    found = {name.removeprefix(prefix): value for name, value in answer.attrs.items() if name.startswith(prefix)}
    assert found == attributes


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("<0.01%", "Ask which one your child's report means."),
        ("negative", "It does not mean there are none."),
        ("positive, not quantifiable", "below the level it can measure exactly"),
        ("0.01", "Does your report show a % sign after the number?"),
        ("1 in 10,000", "1 in 10,000 cells of the sample"),
    ],
)
def test_words_and_below_results(client, results_page, typed, expected):
    _, reader = reader_of(client, results_page.url, result=typed)
    assert expected in text_of(reader)


@pytest.mark.parametrize("typed", ["", "abc", "-1", "200%", "x" * 10_000, "<script>alert(1)</script>", "1e-99"])
def test_bad_input_is_not_read_and_nothing_is_guessed(client, results_page, typed):
    _, reader = reader_of(client, results_page.url, result=typed)
    answer = reader.find(attrs={"data-result-reader-answer": True})
    error = answer.find(attrs={"data-result-reader-error": True})
    assert error.get_text().strip().startswith("Error:")
    assert "Your care team can also go through the report with you." in text_of(answer)
    assert answer.find(attrs={"data-result-reader-headline": True}) is None  # no number at all
    field = reader.find("input", attrs={"name": "result"})
    assert field["aria-invalid"] == "true" and error["id"] in field["aria-describedby"]
    assert field["value"] == typed.strip()[:100]
    # What was typed is escaped, never run: the one script is the reader's JSON data, not run either.
    assert [script.get("type") for script in reader.find_all("script")] == ["application/json"]
    assert "alert" not in reader.find("script").get_text()


def test_a_repeated_or_odd_query_string_never_breaks_the_page(client, results_page):
    response = client.get(results_page.url + "?result=abc&result=0.01%25&other=%ff")
    assert response.status_code == 200
    assert "1 in 10,000 cells of the sample" in response.content.decode()


def test_queries_stay_within_the_page_budget_with_an_answer(client, results_page):
    url = results_page.url + "?result=1E-04"
    client.get(url)
    queries, response = count_queries(client, url)
    assert response.status_code == 200 and queries <= PAGE_QUERY_BUDGET
    client.get(results_page.url)
    plain, _ = count_queries(client, results_page.url)
    assert queries == plain  # reading a result costs no query


def test_editors_can_preview_the_block(admin_client, results_page):
    from mrdinfo.information.blocks import InformationStreamBlock

    child = InformationStreamBlock().child_blocks["result_reader"]
    assert "never says what a result means for risk" in str(child.get_description())
    response = admin_client.get("/admin/block-preview/", {"id": child.definition_prefix})
    assert response.status_code == 200
    assert "The result, as it is written on the report" in response.content.decode()
