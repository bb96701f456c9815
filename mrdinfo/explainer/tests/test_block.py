"""The explainer on a page, without JavaScript: the whole story as text and a table, the data
for the script, the assets linked once, separate ids for each explainer, a constant number of
queries, and its words in search."""

import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from mrdinfo.explainer.blocks import ExplainerBlock
from mrdinfo.explainer.factories import ExplainerFactory, place_explainers
from mrdinfo.testing.queries import count_queries, query_log

pytestmark = pytest.mark.django_db


@pytest.fixture
def explainer():
    return ExplainerFactory()


def html_of(client, url="/"):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_every_stage_in_order_with_words_and_digits_and_a_table(client, home_page, explainer):
    place_explainers(home_page, {"explainer": explainer})
    html = html_of(client)
    figure = html.split('<figure class="explainer"')[1].split("</figure>")[0]
    assert 'id="cells-in-the-body-title">How many leukaemia cells are there?</h2>' in figure
    assert "<figcaption" in figure
    # Every stage, in order, each with its own address.
    names = re.findall(r'<h3 class="explainer__stage-name">.*?</span> (.*?)</h3>', figure)
    assert names == ["Diagnosis", "Remission", "Found by the MRD test", "MRD negative", "Further treatment"]
    for anchor in ["diagnosis", "remission", "mrd-test-window", "mrd-negative", "further-treatment"]:
        assert f'id="cells-in-the-body-{anchor}"' in figure
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", figure))
    assert "about a million million — 1,000,000,000,000" in text
    assert "up to thousands of millions — 1,000,000,000 to 10,000,000,000" in text
    assert "Counting them at one a second would take about 31,700 years." in text
    assert "about 120 times everyone on Earth" in text
    # The shares are labelled as shares of the sample, never as counts in the body.
    assert "Leukaemia cells in the marrow sample: 1 in 10,000 to 1 in 100,000" in text
    assert "not a count of cells in the body" in text
    assert "none found, fewer than 1 in 10,000. Not found is not the same as none." in text
    assert (
        "Each step on the scales is 10 times fewer: 10¹² (a million million) is 10 times as many as "
        "10¹¹ (a hundred thousand million), and 1 in 100 is 10 times as many as 1 in 1,000."
    ) in text
    # The table: a row per stage, a column per method, with what each can find.
    table = figure.split("<table")[1].split("</table>")[0]
    assert table.count('<th scope="row">') == 5
    rows = re.findall(r"<tr>(.*?)</tr>", table, flags=re.S)
    remission = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "|", rows[2]))
    assert "Remission" in remission and "Cannot find them|" in remission
    window = re.sub(r"<[^>]+>", "|", rows[3])
    assert "Only just: this is the least it can find" in window
    negative = re.sub(r"<[^>]+>", "|", rows[4])
    assert negative.count("Cannot find them") == 2 and "Might find some" in negative


def test_share_stages_carry_no_number_of_cells_in_the_body(client, home_page, explainer):
    place_explainers(home_page, {"explainer": explainer})
    html = html_of(client)
    for anchor in ["mrd-test-window", "mrd-negative", "further-treatment"]:
        stage = html.split(f'id="cells-in-the-body-{anchor}"')[1].split("</li>")[0]
        assert "in the whole body" not in stage
        assert "million" not in stage  # no body count smuggled in by the arithmetic
    data = json.loads(html.split('id="cells-in-the-body-data" type="application/json">')[1].split("</script>")[0])
    assert [s["cells"] for s in data["stages"]] == [[12, 12], [9, 10], None, None, None]
    assert [s["share"] for s in data["stages"]] == [None, None, [-5, -4], [None, -4], None]


def test_the_script_data_and_the_slider_start_where_the_block_says(client, home_page, explainer):
    place_explainers(home_page, {"explainer": explainer, "start_stage": "remission"})
    html = html_of(client)
    data = json.loads(html.split('id="cells-in-the-body-data" type="application/json">')[1].split("</script>")[0])
    assert data["start"] == 1
    assert data["stages"][1]["valuetext"] == "Remission: up to thousands of millions of leukaemia cells in the body"
    assert 'value="2" aria-valuetext="Remission: up to thousands of millions' in html
    assert 'class="explainer__stage explainer__stage--cells is-current" id="cells-in-the-body-remission"' in html
    assert [m["best"] for m in data["methods"]] == [-2, -5, -6]
    assert [label["label"] for label in data["body"]] == ["10¹²", "10¹¹", "10¹⁰", "10⁹", "10⁸"]
    assert data["sample"][0]["label"] == "1 in 10" and data["sample"][-1]["label"] == "1 in 10,000,000"


def test_assets_once_and_separate_ids_for_several_explainers(client, home_page, explainer):
    other = ExplainerFactory(name="Second explainer", slug="second")
    place_explainers(
        home_page, {"explainer": explainer}, {"explainer": other}, {"explainer": explainer, "heading": "Again"}
    )
    html = html_of(client)
    assert html.count('<script type="module" src="/static/explainer/explainer.js">') == 1
    assert html.count('href="/static/explainer/explainer.css"') == 1
    assert html.count("<figure") == 3
    for element_id in ["cells-in-the-body", "second", "cells-in-the-body-2"]:
        assert f'<figure class="explainer" id="{element_id}"' in html
    assert 'id="cells-in-the-body-2-remission"' in html
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "an id appears twice on the page"
    assert '<h2 class="explainer__title" id="cells-in-the-body-2-title">Again</h2>' in html
    # No inline script or style: the CSP would block them.
    # (Structured data, type="application/ld+json", is data that never runs.)
    allowed = r"type=\"module\" src=|type=\"application/json\"|type=\"application/ld\+json\">"
    assert not re.search(r"<script(?![^>]*(" + allowed + "))", html)
    assert " style=" not in html


def test_no_assets_on_a_page_without_an_explainer(client, home_page):
    assert "explainer.js" not in html_of(client)


def test_an_unpublished_explainer_is_not_shown(client, home_page, explainer):
    place_explainers(home_page, {"explainer": explainer})
    explainer.unpublish()
    html = html_of(client)
    assert "<figure" not in html and "explainer.js" not in html


def test_queries_do_not_grow_with_the_number_of_explainers(client, home_page, explainer):
    other = ExplainerFactory(name="Second explainer", slug="second")
    place_explainers(home_page, {"explainer": explainer})
    client.get("/")  # warm the site chrome cache
    one, _ = count_queries(client, "/")
    place_explainers(home_page, {"explainer": explainer}, {"explainer": other}, {"explainer": explainer})
    client.get("/")
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/")
    assert response.status_code == 200 and response.content.decode().count("<figure") == 3
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
    assert "A draft heading" in html and "about a million million" in html and "explainer.js" in html
    # Readers still see the published version until a reviewer publishes the draft.
    assert "A draft heading" not in html_of(client)
    revision.publish()
    assert "A draft heading" in html_of(client)
