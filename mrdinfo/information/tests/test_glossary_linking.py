"""Glossary terms are linked where an information page first uses them (rules in glossary.py)."""

import re

import pytest
from django.core.cache import cache

from mrdinfo.information.factories import GlossaryTermFactory, make_information_page
from mrdinfo.information.glossary import cache_key
from mrdinfo.information.models import GlossaryTerm
from mrdinfo.testing.html import select_one, text

pytestmark = pytest.mark.django_db


def linked_terms(html):
    """The words linked to the glossary, in order, as (visible text, term slug)."""
    return re.findall(
        r'<a [^>]*class="glossary-term__link" href="/understanding-mrd/glossary/#([\w-]+)"[^>]*>([^<]+)</a>', html
    )


def render(client, hub, body):
    page = make_information_page(hub, "Test page", body=body)
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
    link = re.search(r'<a [^>]*class="glossary-term__link"[^>]*>remission</a>', html).group(0)
    assert 'href="/understanding-mrd/glossary/#remission"' in link
    assert 'aria-describedby="glossary-definition-remission"' in link
    definition = select_one(html, "#glossary-definition-remission")
    assert text(definition) == "Remission: When a microscope can no longer find leukaemia."
    assert text(definition, "strong.glossary-popover__term") == "Remission"
    # The inline definition opens from a button, declaratively (popover): no script needed.
    assert 'popovertarget="glossary-popover-remission"' in html
    assert 'id="glossary-popover-remission" popover' in html
    # And the entry the link points at exists on the glossary page.
    assert 'id="remission"' in client.get(glossary_page.url).content.decode()


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
    assert '<h2 class="section-heading" id="remission-explained">Remission explained</h2>' in html
    assert '<a href="https://example.org/">about remission</a>' in html
    assert linked_terms(html) == [("remission", "remission")]
    assert html.index("Then ") < html.index('class="glossary-term__link"')


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
    page = make_information_page(hub, "Cached", body=[("text", "<p>Remission and relapse.</p>")])
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
