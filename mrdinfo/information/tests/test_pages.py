"""The hub, information pages and the glossary page: where they may live, what they show."""

import datetime

import pytest

from django.core.exceptions import ValidationError

from mrdinfo.editorial.review import years_after
from mrdinfo.general.models import GeneralPage
from mrdinfo.information.models import GlossaryPage, InformationPage, TopicIndexPage
from mrdinfo.information.tests.factories import (
    GlossaryPageFactory,
    InformationPageFactory,
    TopicIndexPageFactory,
)
from mrdinfo.testing.factories import GeneralPageFactory
from mrdinfo.testing.html import comes_before, parse, select_one, text

pytestmark = pytest.mark.django_db

REFERENCE = {
    "key": "study-2015",
    "authors": "Smith A, Jones B",
    "title": "A study of MRD",
    "publisher": "Blood",
    "year": "2015",
    "doi": "",
    "url": "https://example.org/study",
}


def review_dates(about):
    """The review details: {"Last updated": (datetime attribute, date as shown), ...}."""
    return {
        text(row, "dt"): (select_one(row, "time")["datetime"], text(row, "time"))
        for row in about.select(".review-details__row")
        if row.select_one("time")
    }


def html_of(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


# --- where pages may be created ---------------------------------------------------------------


def test_information_pages_can_only_be_created_under_a_hub(home_page, hub, glossary_page):
    general = GeneralPageFactory(parent=home_page, title="About us")
    info = InformationPageFactory(parent=hub, title="What is MRD?")
    assert InformationPage.can_create_at(hub)
    for parent in (home_page, general, info, glossary_page):
        assert not InformationPage.can_create_at(parent), parent
    assert TopicIndexPage.can_create_at(home_page)
    assert not TopicIndexPage.can_create_at(hub) and not TopicIndexPage.can_create_at(general)
    assert not GeneralPage.can_create_at(hub)


def test_admin_refuses_an_information_page_outside_a_hub(admin_client, home_page, hub):
    outside = admin_client.get(f"/admin/pages/add/information/informationpage/{home_page.pk}/")
    inside = admin_client.get(f"/admin/pages/add/information/informationpage/{hub.pk}/")
    # Wagtail answers a forbidden "add page" by sending the editor back to the dashboard.
    assert (outside.status_code, outside.url) == (302, "/admin/")
    assert inside.status_code == 200


def test_one_glossary_page_per_hub(home_page, hub):
    assert GlossaryPage.can_create_at(hub)
    GlossaryPageFactory(parent=hub)
    assert not GlossaryPage.can_create_at(hub)
    second_hub = TopicIndexPageFactory(parent=home_page, title="Another hub")
    assert GlossaryPage.can_create_at(second_hub)
    assert not GlossaryPage.can_create_at(home_page)


def test_information_page_needs_a_summary_and_review_details(hub):
    page = InformationPage(title="No summary", body=[("text", "<p>Hi.</p>")])
    with pytest.raises(ValidationError) as error:
        hub.add_child(instance=page)
    assert {"summary", "last_updated"} <= set(error.value.message_dict)


# --- contents list, anchors, body ------------------------------------------------------------


def test_contents_list_links_every_section_heading_to_its_anchor(client, hub):
    page = InformationPageFactory(
        parent=hub,
        title="The MRD test",
        body=[
            ("heading", {"text": "When samples are taken", "level": "2"}),
            ("text", "<p>At the end of the first month.</p>"),
            ("heading", {"text": "A detail", "level": "3"}),
            ("heading", {"text": "What sensitivity means", "level": "2"}),
            ("references", {"references": [REFERENCE]}),
        ],
    )
    html = parse(html_of(client, page))
    contents = select_one(html, 'nav[aria-labelledby="contents-list-title"]')
    # In the page's order; sub-headings ("A detail") stay out of the list.
    assert [(a["href"], text(a)) for a in contents.select("a")] == [
        ("#when-samples-are-taken", "When samples are taken"),
        ("#what-sensitivity-means", "What sensitivity means"),
        ("#about-this-information", "Sources and review dates"),
    ]
    for anchor in ("when-samples-are-taken", "what-sensitivity-means", "about-this-information"):
        assert html.find(id=anchor) is not None


def test_anchors_are_unique_and_stay_put_when_headings_are_added(client, hub):
    body = [
        ("heading", {"text": "Questions", "level": "2"}),
        ("heading", {"text": "Questions", "level": "2"}),
        ("heading", {"text": "About this information", "level": "2"}),
        ("heading", {"text": "Results explained", "level": "2", "anchor": "results"}),
    ]
    page = InformationPageFactory(parent=hub, title="Anchors", body=body)
    html = parse(html_of(client, page))
    ids = [element["id"] for element in html.select("[id]")]
    assert len(ids) == len(set(ids)), "every id on the page is unique"
    assert {"questions", "questions-2", "about-this-information", "results"} <= set(ids)
    # The sources section steps aside for an editor's heading rather than duplicating its id.
    assert text(html, 'a[href="#about-this-information-2"]') == "Sources and review dates"

    # A new heading at the top changes no existing anchor that was set by hand, and the order
    # of the others is kept.
    page.body = [("heading", {"text": "Results explained", "level": "2"})] + body
    page.save_revision().publish()
    html = parse(html_of(client, page))
    assert html.find(id="results") is not None and html.find(id="results-explained") is not None


def test_references_are_listed_once_at_the_end_with_review_dates(client, hub):
    page = InformationPageFactory(
        parent=hub,
        title="Remission",
        body=[
            ("references", {"references": [REFERENCE]}),
            ("text", "<p>Remission is a big step.</p>"),
            (
                "key_figure",
                {
                    "figure": "More than 95 in 100",
                    "explanation": "Children who reach it.",
                    "source": "Blood, 2015",
                    "reference": "study-2015",
                },
            ),
        ],
        last_updated=datetime.date.today(),
    )
    checked = datetime.date.today()
    due = years_after(checked, 2)
    html = parse(html_of(client, page))
    about = select_one(html, "section.about-information")
    # Once, at the end: after the text, though the editor put it first.
    assert text(html).count("A study of MRD") == 1
    assert comes_before(html.find(string=lambda s: "Remission is a big step" in s).parent, about)
    reference = select_one(about, "li.reference#source-study-2015")
    assert text(reference).startswith("Smith A, Jones B. A study of MRD. Blood, 2015.")
    assert text(reference, "cite.reference__title") == "A study of MRD"
    assert select_one(reference, "a.reference__link")["href"] == "https://example.org/study"
    # Last updated, and next review due (by default two years after the last update).
    assert review_dates(about) == {
        "Last updated": (f"{checked:%Y-%m-%d}", f"{checked:%-d %B %Y}"),
        "Next review due": (f"{due:%Y-%m-%d}", f"{due:%-d %B %Y}"),
        "First published": review_dates(about)["First published"],
    }
    # The key figure's source links to its reference in the list.
    source = select_one(html, ".key-figure__source")
    assert text(source) == "Source: Blood, 2015" and select_one(source, "a")["href"] == "#source-study-2015"


def test_half_a_clinical_review_is_refused(hub):
    page = InformationPageFactory(parent=hub, title="Remission")
    page.clinical_reviewer_name = "Information team"
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "clinically_reviewed_on" in error.value.message_dict
    page.clinical_reviewer_name = ""
    page.clinically_reviewed_on = datetime.date(2026, 2, 1)
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "clinical_reviewer_name" in error.value.message_dict


def test_a_reference_needs_a_year_and_a_doi_or_link_and_a_key_figure_a_real_reference(hub):
    from mrdinfo.information.blocks import InformationStreamBlock

    stream = InformationStreamBlock()
    no_link = {**REFERENCE, "url": "", "doi": ""}
    bad = [
        {"type": "references", "value": {"references": [no_link]}},
    ]
    with pytest.raises(ValidationError):
        stream.clean(stream.to_python(bad))
    with pytest.raises(ValidationError):
        stream.clean(stream.to_python([{"type": "references", "value": {"references": [{**REFERENCE, "year": ""}]}}]))
    with pytest.raises(ValidationError):
        stream.clean(
            stream.to_python([{"type": "references", "value": {"references": [{**REFERENCE, "doi": "JCO.22"}]}}])
        )
    figure = {"figure": "1 in 10,000", "explanation": "How few.", "source": "Blood, 2015", "reference": "nowhere"}
    with pytest.raises(ValidationError):
        stream.clean(
            stream.to_python(
                [{"type": "references", "value": {"references": [REFERENCE]}}, {"type": "key_figure", "value": figure}]
            )
        )
    good = [
        {"type": "references", "value": {"references": [{**REFERENCE, "url": "", "doi": "10.1200/JCO.22.00245"}]}},
        {"type": "key_figure", "value": {**figure, "reference": "study-2015"}},
    ]
    stream.clean(stream.to_python(good))


def test_review_due_date_rules(hub):
    page = InformationPage(last_updated=datetime.date(2024, 2, 29))
    assert page.review_due_date == datetime.date(2026, 2, 28)  # no 29 February in 2026
    page.next_review_due = datetime.date(2024, 1, 1)
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "next_review_due" in error.value.message_dict


def test_questions_and_result_wordings_render(client, hub):
    page = InformationPageFactory(
        parent=hub,
        title="Results",
        body=[
            ("questions", {"intro": "You might ask:", "questions": ["When is the test?", "Who tells us?"]}),
            (
                "result_wordings",
                {"results": [{"wording": "MRD negative", "meaning": "<p>No leukaemia cells were found.</p>"}]},
            ),
        ],
    )
    html = html_of(client, page)
    assert '<li class="questions__item"><span class="rich-text">When is the test?</span></li>' in html
    assert '<dt class="result-wording__wording">“MRD negative”</dt>' in html
    assert "No leukaemia cells were found." in html


# --- related topics ---------------------------------------------------------------------------


def test_related_topics_are_the_editors_choice_in_order(client, hub):
    first = InformationPageFactory(parent=hub, title="First topic")
    second = InformationPageFactory(parent=hub, title="Second topic", summary="The second one, in brief.")
    InformationPageFactory(parent=hub, title="Not chosen")
    page = InformationPageFactory(parent=hub, title="Chooser", related=[second, first])
    related = select_one(html_of(client, page), 'section[aria-labelledby="related-topics-title"]')
    assert [text(a) for a in related.select("a")] == ["Second topic", "First topic"]
    assert "The second one, in brief." in text(related)


def test_related_topics_fall_back_to_live_siblings(client, hub, glossary_page):
    sibling = InformationPageFactory(parent=hub, title="A sibling")
    InformationPageFactory(parent=hub, title="A draft", draft=True)
    page = InformationPageFactory(parent=hub, title="Lonely")
    related = select_one(html_of(client, page), 'section[aria-labelledby="related-topics-title"]')
    links = [a["href"] for a in related.select("a")]
    assert sibling.url in links and glossary_page.url in links
    assert "A short summary of a sibling." in text(related)
    assert "A draft" not in text(related) and "Lonely" not in text(related)


# --- hub and glossary page --------------------------------------------------------------------


def test_hub_lists_its_topics_with_summaries(client, hub, glossary_page):
    topic = InformationPageFactory(parent=hub, title="What is MRD?", summary="MRD means the cells that are left.")
    InformationPageFactory(parent=hub, title="Draft topic", draft=True)
    html = parse(html_of(client, hub))
    topics = select_one(html, "#topics").find_parent("section")
    links = {a["href"]: text(a) for a in topics.select("a")}
    assert links[topic.url] == "What is MRD?" and links[glossary_page.url] == "Glossary"
    assert "MRD means the cells that are left." in text(topics)
    assert "Draft topic" not in text(topics)
    assert text(html, 'a[href="#topics"]') == "Topics in this section"
    assert "Clinical review: pending." in text(html)


def test_glossary_page_lists_terms_a_to_z_with_an_anchor_each(client, glossary_page, terms):
    html = parse(html_of(client, glossary_page))
    letters = [element["id"] for element in html.select('[id^="letter-"]')]
    assert letters == ["letter-a", "letter-b", "letter-d", "letter-m", "letter-r"]  # no empty letters
    assert text(html, 'a[href="#letter-m"]') == "Words beginning with M"
    assert text(html, 'a[href="#letter-m"] .visually-hidden') == "Words beginning with"
    assert html.select('a[href="#letter-z"]') == []
    entry = select_one(html, "#minimal-residual-disease")
    assert text(entry, "dfn") == "Minimal residual disease"
    assert "The few leukaemia cells left after treatment starts." in text(entry)
    assert text(entry, ".glossary-entry__also") == "Also called: MRD"
    assert "Sources and review dates" in text(html)


def test_block_previews_render_in_the_admin(admin_client):
    from mrdinfo.information.blocks import InformationStreamBlock

    stream = InformationStreamBlock()
    own = ["key_figure", "questions", "result_wordings", "references"]  # text is core's, shared
    for name in own:
        block = stream.child_blocks[name]
        assert block.is_previewable, name
        response = admin_client.get("/admin/block-preview/", {"id": block.definition_prefix})
        html = response.content.decode()
        assert response.status_code == 200, name
        assert 'href="/static/information/information.css"' in html, name
    previews = {
        "text": "Remission means the doctors can no longer see leukaemia cells",
        "key_figure": "1 in 10,000",
        "questions": "When will my child have the MRD test?",
        "result_wordings": "Positive, not quantifiable",
        "references": "Journal of Clinical Pathology",
    }
    for name, words in previews.items():
        block = stream.child_blocks[name]
        html = admin_client.get("/admin/block-preview/", {"id": block.definition_prefix}).content.decode()
        assert words in html, name


# --- the admin --------------------------------------------------------------------------------


def test_edit_form_shows_review_fields_and_reading_ease(admin_client, hub):
    page = InformationPageFactory(
        parent=hub,
        title="Hard words",
        summary="Quantification utilising immunoglobulin rearrangements.",
        body=[("text", "<p>Stratification necessitates comprehensive immunophenotypic characterisation.</p>")],
    )
    html = admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert 'name="next_review_due"' in html
    # The clinical reviewer is shown, not typed: only a clinical sign-off sets it (mrdinfo/editorial).
    assert 'name="clinical_reviewer_name"' not in html and "Clinical reviewer" in html
    assert "Reading ease:" in html and "try shorter sentences and shorter words" in html


def test_glossary_terms_are_listed_and_searchable_in_the_admin(admin_client, terms):
    listing = admin_client.get("/admin/snippets/information/glossaryterm/").content.decode()
    assert "Minimal residual disease" in listing and "Remission" in listing
    found = admin_client.get("/admin/snippets/information/glossaryterm/", {"q": "MRD"}).content.decode()
    assert "Minimal residual disease" in found and "Bone marrow" not in found


def test_preview_shows_unsaved_related_topics(hub):
    from mrdinfo.information.models import InformationPageRelatedPage

    first = InformationPageFactory(parent=hub, title="First topic")
    second = InformationPageFactory(parent=hub, title="Second topic")
    page = InformationPageFactory(parent=hub, title="Previewed", related=[first])
    # As in Wagtail's preview: the editor's choice is in memory, not saved.
    page.related_pages = [InformationPageRelatedPage(page=second), InformationPageRelatedPage(page=first)]
    assert [card["title"] for card in page.related_topics()] == ["Second topic", "First topic"]
    assert [card["title"] for card in InformationPage.objects.get(pk=page.pk).related_topics()] == ["First topic"]
