"""The explainer on a page, without JavaScript: the whole story as text and a table, the data
for the script, the assets linked once, separate ids for each explainer, a constant number of
queries, and its words in search."""

import json
import re

import pytest
from bs4 import BeautifulSoup

from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page

from mrdinfo.core.measuring.queries import count_queries, page_cache_bypass, query_log
from mrdinfo.explainer.blocks import ExplainerBlock
from mrdinfo.explainer.tests.factories import ExplainerFactory, place_explainers
from mrdinfo.testing.html import parse, select, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def explainer():
    return ExplainerFactory()


def html_of(client, url="/"):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


NAMES = [
    "Diagnosis",
    "End of the first month",
    "First MRD result: none found",
    "First MRD result: found at a low level",
    "First MRD result: found at a higher level",
    "A later MRD check",
    "The rest of treatment",
    "After treatment",
]
ANCHORS = [
    "diagnosis",
    "remission",
    "mrd-none-found",
    "mrd-found-low",
    "mrd-found-higher",
    "later-check",
    "rest-of-treatment",
    "after-treatment",
]


def figure_of(html):
    return BeautifulSoup(html, "html.parser").find("figure", class_="explainer")


def text_of(node):
    return re.sub(r"\s+", " ", node.get_text(" ")).replace(" .", ".").replace(" ,", ",")


def test_every_stage_in_order_with_words_and_a_table(client, home_page, explainer):
    place_explainers(home_page, {"explainer": explainer})
    figure = figure_of(html_of(client))
    assert figure.find("h2", id="cells-in-the-body-title").get_text() == "How many leukaemia cells are there?"
    assert figure.find("figcaption") is not None
    # Every stage, in order, each with its own address.
    headings = [h.get_text(" ", strip=True) for h in figure.select("h3.explainer__stage-name")]
    assert [h.split(": ", 1)[1] for h in headings] == NAMES
    for anchor in ANCHORS:
        assert figure.find(id=f"cells-in-the-body-{anchor}") is not None
    text = text_of(figure)
    assert "up to about a million million" in text
    assert "up to thousands of millions" in text
    assert "Counting them at one a second would take about 31,700 years." in text
    assert "about 120 times everyone on Earth" in text
    # One way of writing numbers: words, never a long string of digits or a power of ten.
    assert not re.search(r"\d{1,3}(,\d{3}){3,}", text), "a 10-digit or longer number is shown"
    assert "10¹" not in text and "10^" not in text
    # The shares are labelled as shares of the sample, never as counts in the body.
    assert "Leukaemia cells in the marrow sample: 1 in 10,000 to 1 in 100,000" in text
    assert "Leukaemia cells in the marrow sample: 1 in 10,000 or more" in text
    assert "not a count of cells in the body" in text
    assert "none found, fewer than 1 in 10,000. Not found is not the same as none." in text
    assert (
        "Each step on the scale is 10 times fewer: a million million is 10 times as many as "
        "a hundred thousand million, and 1 in 100 is 10 times as many as 1 in 1,000."
    ) in text
    # The table: a row per stage, a column per method, with what each can find.
    rows = figure.find("table").find("tbody").find_all("tr")
    assert len(rows) == 8
    cells = [[td.get_text(strip=True) for td in row.find_all("td")][1:] for row in rows]
    assert cells[1] == ["Cannot find them", "Might find some", "Might find some"]
    assert cells[2] == ["Cannot find them", "Cannot find them", "Might find some"]
    assert cells[3] == ["Cannot find them", "Only just: this is the least it can find", "Can find them"]
    assert cells[4] == ["Might find some", "Can find them", "Can find them"]
    # On a phone each row is a card: every cell says which column it is.
    assert [td["data-label"] for td in rows[0].find_all("td")] == [
        "Leukaemia cells",
        "Microscope",
        "MRD test by PCR",
        "Newer tests",
    ]


def test_the_first_mrd_result_is_three_alternatives_none_of_them_the_usual_path(client, home_page, explainer):
    place_explainers(home_page, {"explainer": explainer})
    figure = figure_of(html_of(client))
    labels = [tick.find(class_="explainer__tick-number").get_text() for tick in figure.select(".explainer__tick")]
    assert labels == ["1", "2", "3a", "3b", "3c", "4", "5", "6"]
    headings = [h.get_text(" ", strip=True) for h in figure.select("h3.explainer__stage-name")]
    assert headings[2].startswith("Stage 3 of 6, one of 3 possible results:")
    assert headings[5].startswith("Stage 4 of 6:")
    for anchor in ANCHORS[2:5]:
        stage = figure.find(id=f"cells-in-the-body-{anchor}")
        assert "none is the usual one" in stage.get_text()
    # A found result is followed by what happens next, never left hanging.
    higher = figure.find(id="cells-in-the-body-mrd-found-higher").get_text()
    assert "What usually happens next is more or different treatment." in higher


def test_share_stages_carry_no_number_of_cells_in_the_body(client, home_page, explainer):
    place_explainers(home_page, {"explainer": explainer})
    html = html_of(client)
    figure = figure_of(html)
    for anchor in ANCHORS[2:]:
        stage = figure.find(id=f"cells-in-the-body-{anchor}").get_text()
        assert "in the whole body" not in stage
        assert "million" not in stage  # no body count smuggled in by the arithmetic
    data = json.loads(figure.find("script", id="cells-in-the-body-data").string)
    assert [s["cells"] for s in data["stages"]] == [[12, 12], [9, 10], None, None, None, None, None, None]
    assert [s["share"] for s in data["stages"]] == [None, None, [None, -4], [-5, -4], [-4, None], None, None, None]


def test_the_script_data_and_the_slider_start_where_the_block_says(client, home_page, explainer):
    place_explainers(home_page, {"explainer": explainer, "start_stage": "remission"})
    html = html_of(client)
    figure = figure_of(html)
    data = json.loads(figure.find("script", id="cells-in-the-body-data").string)
    assert data["start"] == 1
    assert data["stages"][1]["valuetext"] == (
        "End of the first month: up to thousands of millions of leukaemia cells in the body"
    )
    assert data["stages"][2]["valuetext"] == (
        "First MRD result: none found: none found, fewer than 1 in 10,000 cells in the marrow sample. "
        "Not found is not the same as zero. One of three possible results"
    )
    slider = figure.find("input", type="range")
    assert slider["value"] == "2" and slider["max"] == "8"
    assert slider["aria-valuetext"].startswith("End of the first month: up to thousands of millions")
    current = figure.select(".explainer__stage.is-current")
    assert [li["id"] for li in current] == ["cells-in-the-body-remission"]
    assert [m["best"] for m in data["methods"]] == [-2, -5, -6]
    # The scale: words first, the power of ten second; the sample from 1 in 10 to the newest test's floor.
    assert [(label["label"], label["power"]) for label in data["body"]][:2] == [
        ("a million million", "10¹²"),
        ("a hundred thousand million", "10¹¹"),
    ]
    assert data["sample"][0]["label"] == "1 in 10" and data["sample"][-1]["label"] == "1 in 1,000,000"


def test_assets_once_and_separate_ids_for_several_explainers(client, home_page, explainer):
    other = ExplainerFactory(name="Second explainer", slug="second")
    place_explainers(
        home_page, {"explainer": explainer}, {"explainer": other}, {"explainer": explainer, "heading": "Again"}
    )
    html = parse(html_of(client))
    # Once with the blocks, and once in <head> to hold the first paint (a module runs once).
    assert len(html.select('body script[type="module"][src="/static/explainer/explainer.js"]')) == 1
    assert len(html.select('head script[type="module"][src="/static/explainer/explainer.js"]')) == 1
    assert len(html.select('link[href="/static/explainer/explainer.css"]')) == 1
    assert len(html.select("figure")) == 3
    assert [figure["id"] for figure in html.select("figure.explainer")] == [
        "cells-in-the-body",
        "second",
        "cells-in-the-body-2",
    ]
    assert html.find(id="cells-in-the-body-2-remission") is not None
    ids = [element["id"] for element in html.select("[id]")]
    assert len(ids) == len(set(ids)), "an id appears twice on the page"
    assert text(html, "h2.explainer__title#cells-in-the-body-2-title") == "Again"
    # No inline script or style: the CSP would block them.
    # (Structured data, type="application/ld+json", is data that never runs.)
    for script in html.find_all("script"):
        data = script.get("type") in ("application/json", "application/ld+json")
        assert data or (script.get("type") == "module" and script.get("src") and not script.string), script
    assert html.select("[style], style") == []


def test_the_script_holds_the_first_paint_of_a_page_with_explainers(client, home_page, explainer):
    # So a shared link to a later stage is painted at that stage (see core's head_tags).
    place_explainers(home_page, {"explainer": explainer}, {"explainer": explainer, "heading": "Again"})
    head = BeautifulSoup(html_of(client), "html.parser").head
    blocking = head.find_all("script", attrs={"blocking": "render"})
    assert [(tag["type"], tag["src"]) for tag in blocking] == [("module", "/static/explainer/explainer.js")]


def test_no_assets_on_a_page_without_an_explainer(client, home_page):
    html = html_of(client)
    assert "explainer.js" not in html
    assert 'blocking="render"' not in html


def test_an_unpublished_explainer_is_not_shown(client, home_page, explainer):
    place_explainers(home_page, {"explainer": explainer})
    explainer.unpublish()
    html = parse(html_of(client))
    assert html.select("figure") == [] and html.select('script[src*="explainer.js"]') == []


def test_queries_do_not_grow_with_the_number_of_explainers(client, home_page, explainer):
    other = ExplainerFactory(name="Second explainer", slug="second")
    place_explainers(home_page, {"explainer": explainer})
    client.get("/")  # warm the site chrome cache
    one, _ = count_queries(client, "/")
    place_explainers(home_page, {"explainer": explainer}, {"explainer": other}, {"explainer": explainer})
    client.get("/")
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/", headers=page_cache_bypass())  # a render, not the page cache's copy
    assert response.status_code == 200 and len(select(response, "figure")) == 3
    assert len(ctx.captured_queries) == one, query_log(ctx)
    explainer_queries = [q for q in ctx.captured_queries if "explainer_" in q["sql"]]
    # One for the snippets, one for all their stages, one for all their methods.
    assert len(explainer_queries) == 3, query_log(ctx)


def test_search_finds_the_explainers_words(home_page, explainer):
    place_explainers(home_page, {"explainer": explainer})
    assert home_page.pk in [p.pk for p in Page.objects.live().search("million million")]
    assert home_page.pk in [p.pk for p in Page.objects.live().search("remission")]
    # Publishing a change to the explainer refreshes the search entry of the page showing it.
    stage = explainer.stages.first()
    stage.summary = "A kangaroo word to search for."
    explainer.stages = [stage, *list(explainer.stages.all())[1:]]
    explainer.save_revision().publish()
    assert home_page.pk in [p.pk for p in Page.objects.live().search("kangaroo")]
    content = " ".join(ExplainerBlock().get_searchable_content(ExplainerBlock().to_python({"explainer": explainer.pk})))
    assert "about 31,700 years" in content and "1 in 10,000 to 1 in 100,000" in content
    assert "1,000,000,000,000" not in content


def test_start_stage_must_be_one_of_the_explainers_stages(explainer):
    block = ExplainerBlock()
    value = block.to_python({"explainer": explainer.pk, "heading": "", "start_stage": "cured"})
    with pytest.raises(ValidationError) as error:
        block.clean(value)
    assert "has no stage called 'cured'" in str(error.value.block_errors["start_stage"])
    ok = block.to_python({"explainer": explainer.pk, "heading": "", "start_stage": "remission"})
    assert block.clean(ok)["start_stage"] == "remission"


def test_block_preview_and_description_for_editors(admin_client, explainer):
    block = ExplainerBlock()
    assert block.is_previewable and "million million" in str(block.get_description())
    from mrdinfo.home.models import HomeStreamBlock

    child = HomeStreamBlock().child_blocks["explainer"]
    response = admin_client.get("/admin/block-preview/", {"id": child.definition_prefix})
    html = response.content.decode()
    assert response.status_code == 200
    assert "How many leukaemia cells are there?" in html and "explainer.js" in html


def test_snippet_preview_shows_a_draft_before_it_is_published(client, home_page, explainer):
    place_explainers(home_page, {"explainer": explainer})
    explainer.title = "A draft heading"
    revision = explainer.save_revision()
    draft = revision.as_object()
    response = draft.make_preview_request()
    html = response.content.decode()
    assert response.status_code == 200
    assert "A draft heading" in html and "up to about a million million" in html and "explainer.js" in html
    # Readers still see the published version until a reviewer publishes the draft.
    assert "A draft heading" not in html_of(client)
    revision.publish()
    assert "A draft heading" in html_of(client)
