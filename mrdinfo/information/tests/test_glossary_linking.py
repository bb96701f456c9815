"""Glossary terms are linked where an information page first uses them (rules in glossary.py)."""

import pytest

from django.core.cache import cache

from mrdinfo.information.glossary import cache_key
from mrdinfo.information.models import GlossaryTerm
from mrdinfo.information.tests.factories import GlossaryTermFactory, InformationPageFactory
from mrdinfo.testing.html import select, select_one, text

pytestmark = pytest.mark.django_db


def linked_terms(html):
    """The words linked to the glossary entries, in order, as (term slug, visible text)."""
    prefix = "/understanding-mrd/glossary/#"
    return [
        (link["href"].removeprefix(prefix), link.get_text())
        for link in select(html, "a.glossary-term__link")
        if link["href"].startswith(prefix)
    ]


def render(client, hub, body):
    page = InformationPageFactory(parent=hub, title="Test page", body=body)
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def test_first_use_is_linked_once_per_page_across_blocks(client, hub, glossary_page, terms):
    html = render(
        client,
        hub,
        [
            ("text", "<p>Remission is a big step. Remission is good news.</p>"),
            ("callout", {"style": "information", "heading": "", "text": "<p>After remission, MRD is tested.</p>"}),
            ("text", "<p>Remission again, and MRD again.</p>"),
        ],
    )
    assert linked_terms(html) == [("remission", "Remission"), ("minimal-residual-disease", "MRD")]


def test_link_goes_to_the_glossary_entry_and_carries_the_definition(client, hub, glossary_page, terms):
    html = render(client, hub, [("text", "<p>Your child is in remission.</p>")])
    [link] = [a for a in select(html, "a.glossary-term__link") if a.get_text() == "remission"]
    assert link["href"] == "/understanding-mrd/glossary/#remission"
    assert link["aria-describedby"] == "glossary-definition-remission"
    definition = select_one(html, "#glossary-definition-remission")
    assert text(definition) == "Remission: When a microscope can no longer find leukaemia."
    assert text(definition, "strong.glossary-popover__term") == "Remission"
    # The inline definition opens from a button, declaratively (popover): no script needed.
    assert select_one(html, 'button[popovertarget="glossary-popover-remission"]')
    assert select_one(html, "#glossary-popover-remission").has_attr("popover")
    # And the entry the link points at exists on the glossary page.
    assert select_one(client.get(glossary_page.url), "#remission")


def test_never_inside_headings_or_existing_links(client, hub, glossary_page, terms):
    html = render(
        client,
        hub,
        [
            ("heading", {"text": "Remission explained", "level": "2"}),
            ("text", '<p>Read <a href="https://example.org/">about remission</a> elsewhere.</p>'),
            ("text", "<p>Then remission, in plain text.</p>"),
        ],
    )
    heading = select_one(html, "h2#remission-explained")
    assert heading.get_text() == "Remission explained" and heading.select("a, .glossary-term") == []
    existing = select_one(html, 'a[href="https://example.org/"]')
    assert existing.get_text() == "about remission" and existing.select(".glossary-term") == []
    assert linked_terms(html) == [("remission", "remission")]
    [link] = select(html, "a.glossary-term__link")
    assert "Then " in link.find_parent("p").get_text()


def test_case_insensitive_whole_words_only(client, hub, glossary_page, terms):
    html = render(client, hub, [("text", "<p>Remissions and premission are not words we link. REMISSION is.</p>")])
    assert linked_terms(html) == [("remission", "REMISSION")]


def test_abbreviations_match_only_in_capitals(client, hub, glossary_page, terms):
    html = render(client, hub, [("text", "<p>We all hope for the best. Children with ALL do well.</p>")])
    assert linked_terms(html) == [("acute-lymphoblastic-leukaemia", "ALL")]
    assert "We all hope" in html


def test_longest_name_wins(client, hub, glossary_page, terms):
    html = render(client, hub, [("text", "<p>Minimal residual disease is not the same as any disease.</p>")])
    assert linked_terms(html) == [
        ("minimal-residual-disease", "Minimal residual disease"),
        ("disease", "disease"),
    ]


def test_no_glossary_terms_leaves_the_body_alone(client, hub, glossary_page):
    html = render(client, hub, [("text", "<p>Remission is a big step.</p>")])
    assert "glossary-term" not in html
    assert "<p>Remission is a big step.</p>" in html


def test_term_list_is_cached_and_refreshed_after_an_edit(
    client, hub, glossary_page, terms, django_capture_on_commit_callbacks
):
    page = InformationPageFactory(parent=hub, title="Cached", body=[("text", "<p>Remission and relapse.</p>")])
    client.get(page.url)
    assert cache.get(cache_key(hub.get_site().pk)) is not None

    with django_capture_on_commit_callbacks(execute=True):
        GlossaryTermFactory(term="Relapse", definition="When leukaemia comes back.")
    assert cache.get(cache_key(hub.get_site().pk)) is None
    html = client.get(page.url).content.decode()
    assert ("relapse", "relapse") in linked_terms(html)

    with django_capture_on_commit_callbacks(execute=True):
        GlossaryTerm.objects.get(term="Relapse").delete()
    html = client.get(page.url).content.decode()
    assert ("relapse", "relapse") not in linked_terms(html)


def test_a_name_belongs_to_one_term_only(terms):
    clash = GlossaryTerm(term="Measurable residual disease", other_names="mrd", definition="Another name.")
    with pytest.raises(Exception) as error:
        clash.full_clean()
    assert "already used by the glossary term “Minimal residual disease”" in str(error.value)
