"""The site's own content for this section (content/pages/understanding-mrd*, content/glossary.yaml)
loads, serves, and reloads without change; the glossary file's mistakes are reported as file:line."""

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from django.conf import settings

from wagtail.models import Revision

from mrdinfo.core.content.errors import ContentError
from mrdinfo.core.content.loader import ContentLoader
from mrdinfo.information.models import GlossaryPage, GlossaryTerm, InformationPage, TopicIndexPage

from .section import SECTION_URLS


def section_text(html, selector):
    found = BeautifulSoup(html, "html.parser").select_one(selector)
    assert found is not None, selector
    return found.get_text(" ", strip=True)


pytestmark = pytest.mark.django_db

CONTENT_DIR = Path(settings.BASE_DIR) / "content"
PAGE_TYPES = dict.fromkeys(SECTION_URLS, InformationPage) | {
    "/understanding-mrd/": TopicIndexPage,
    "/understanding-mrd/glossary/": GlossaryPage,
}


@pytest.fixture
def content_copy(tmp_path):
    """A copy of the real content/ to break on purpose."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    return target


def load(content_dir=CONTENT_DIR, **options):
    return ContentLoader(content_dir, **options).load()


def glossary_state():
    return sorted(GlossaryTerm.objects.values_list("slug", "term", "definition", "other_names"))


def test_every_page_of_the_section_is_served_with_contents_review_dates_and_sources(site_content, client):
    for url, page_type in PAGE_TYPES.items():
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200, url
        assert type(response.context["page"]) is page_type, url
        assert "On this page" in html, url
        about = section_text(html, "section.about-information")
        assert "First published" in about and "Last updated" in about and "Next review due" in about, url
        # The file's date, or the day the page first went live if that is later (never earlier).
        page = response.context["page"]
        shown = max(page.last_updated, page.first_published_at.date())
        assert f'<time datetime="{shown:%Y-%m-%d}">{shown:%-d %B %Y}</time>' in html, url
        assert '<h3 class="references__title">Sources</h3>' in html, url
        # Nobody has signed these pages off clinically: each says so, and names no reviewer.
        assert "Clinical review: pending." in about, url
        assert "Reviewed by" not in about and "Information team," not in about, url


def test_the_content_files_cannot_claim_a_clinical_review(content_copy):
    path = content_copy / "pages/understanding-mrd/remission.yaml"
    path.write_text(path.read_text().replace("last_updated:", "clinical_reviewer_name: Dr Made Up\nlast_updated:"))
    with pytest.raises(ContentError) as error:
        load(content_copy)
    assert "has no field 'clinical_reviewer_name'" in error.value.message


def test_the_glossary_has_at_least_35_terms_each_with_an_entry(site_content, client):
    terms = GlossaryTerm.objects.all()
    assert terms.count() >= 35
    html = client.get("/understanding-mrd/glossary/").content.decode()
    for term in terms:
        assert f'id="{term.slug}"' in html
        assert len(term.definition) <= 300
    names = {name.casefold() for term in terms for name in term.names()}
    for wanted in (
        "aml", "lumbar puncture", "aspirate", "consolidation", "interim maintenance", "maintenance",
        "stem cell transplant", "immunotherapy", "car-t", "cytogenetics", "philadelphia chromosome",
        "b-cell all", "t-cell all", "haematologist", "principal treatment centre", "overall survival",
        "quantifiable", "dna", "marker", "general anaesthetic", "measurable residual disease",
    ):  # fmt: skip
        assert wanted in names, wanted


def test_information_pages_link_glossary_terms(site_content, client):
    html = client.get("/understanding-mrd/what-is-mrd/").content.decode()
    assert 'href="/understanding-mrd/glossary/#minimal-residual-disease"' in html
    assert 'href="/understanding-mrd/glossary/#bone-marrow"' in html


def test_loading_twice_changes_nothing(site_content):
    # site_content is the first load (a snapshot of one: testing/content_snapshot.py).
    revisions = Revision.objects.count()
    terms = glossary_state()
    report = load()
    assert report.created == [] and report.updated == []
    assert set(SECTION_URLS) <= set(report.unchanged)
    assert not [line for line in report.other if line.startswith("glossary")]
    assert Revision.objects.count() == revisions
    assert glossary_state() == terms


def test_editing_a_glossary_entry_updates_that_term(site_content, content_copy):
    path = content_copy / "glossary.yaml"
    text = path.read_text()
    path.write_text(text.replace("When leukaemia comes back after a remission.", "When leukaemia returns."))
    report = load(content_copy)
    assert "glossary: 0 terms added, 1 updated" in report.other
    assert GlossaryTerm.objects.get(slug="relapse").definition == "When leukaemia returns."


def test_a_term_changed_in_wagtail_is_left_alone_unless_asked(site_content, content_copy):
    term = GlossaryTerm.objects.get(slug="relapse")
    term.definition = "An editor's better definition."
    term.save()
    path = content_copy / "glossary.yaml"
    path.write_text(path.read_text().replace("When leukaemia comes back after a remission.", "From the file."))

    report = load(content_copy)
    assert any("left alone 'Relapse'" in line for line in report.other)
    assert GlossaryTerm.objects.get(slug="relapse").definition == "An editor's better definition."

    load(content_copy, overwrite_edits=True)
    assert GlossaryTerm.objects.get(slug="relapse").definition == "From the file."


@pytest.mark.parametrize(
    ("find", "replace", "marker", "message"),
    [
        # An unknown key: reported on its own line.
        ("- term: Remission\n", "- term: Remission\n  meaning: oops\n", "  meaning: oops", "unknown key 'meaning'"),
        # A term without a definition: reported on the term's first line.
        (
            "- term: Relapse\n  definition: >-\n    When leukaemia comes back after a remission.\n",
            "- term: Relapse\n",
            "- term: Relapse",
            "this term needs a definition",
        ),
        # The same name given to two terms: reported where the second one says it.
        (
            "- term: Sensitivity\n",
            "- term: Sensitivity\n  other_names: [MRD]\n",
            "  other_names: [MRD]",
            "'MRD' is already a name of the term on line",
        ),
        # A definition far too long for one or two sentences: reported on its definition.
        (
            "- term: Relapse\n  definition: >-\n    When leukaemia comes back after a remission.\n",
            "- term: Relapse\n  definition: " + "Very long. " * 40 + "\n",
            "- term: Relapse\n  definition: Very long.",
            "definition: Ensure this value has at most 300 characters",
        ),
        # A "say it as" for a name the term does not have: reported on its line.
        (
            "  say_it_as: {NGS: N G S}\n",
            "  say_it_as: {NSG: N S G}\n",
            "  say_it_as: {NSG: N S G}",
            "say_it_as: 'NSG' is not this term or one of its other_names",
        ),
        # Not YAML at all.
        (
            "- term: Remission\n",
            "- term: Remission: again\n",
            "- term: Remission: again",
            "this is not valid YAML: mapping values are not allowed here",
        ),
    ],
)
def test_a_mistake_in_the_glossary_file_is_reported_with_its_line_and_changes_nothing(
    site_content, content_copy, find, replace, marker, message
):
    before, revisions = glossary_state(), Revision.objects.count()
    path = content_copy / "glossary.yaml"
    text = path.read_text()
    assert find in text
    broken = text.replace(find, replace)
    path.write_text(broken)
    # A page edit in the same load must be undone too.
    page_file = content_copy / "pages/understanding-mrd/remission.yaml"
    page_file.write_text(page_file.read_text().replace("title: What remission means", "title: Remission, edited"))

    with pytest.raises(ContentError) as error:
        load(content_copy)

    expected_line = broken[: broken.index(marker)].count("\n") + 1 + marker.count("\n")
    assert (error.value.path, error.value.line) == ("content/glossary.yaml", expected_line), error.value.message
    assert message in error.value.message
    assert str(error.value).startswith(f"content/glossary.yaml:{expected_line}: ")
    assert glossary_state() == before
    assert Revision.objects.count() == revisions
    assert InformationPage.objects.get(slug="remission").title == "What remission means"


def test_glossary_file_must_be_a_list(content_copy):
    (content_copy / "glossary.yaml").write_text("term: Remission\ndefinition: Not in a list.\n")
    with pytest.raises(ContentError) as error:
        load(content_copy)
    assert (error.value.path, error.value.line) == ("content/glossary.yaml", 1)
    assert "list of terms" in error.value.message


def test_say_it_as_gives_every_page_of_the_section_its_pronunciations(site_content, client):
    import json

    assert GlossaryTerm.objects.get(slug="minimal-residual-disease").pronunciations() == {"MRD": "M R D"}
    for path in ("/understanding-mrd/", "/understanding-mrd/what-is-mrd/", "/understanding-mrd/glossary/"):
        page = BeautifulSoup(client.get(path).content, "html.parser")
        data = page.select_one("script#listen-pronunciations[type='application/json']")
        assert data is not None, path
        pronunciations = json.loads(data.string)
        assert pronunciations["MRD"] == "M R D" and pronunciations["ALL"] == "A L L", path
        # Shown only by listen.js, once the browser has a voice.
        assert page.select_one("[data-listen]").has_attr("hidden"), path


def test_say_it_as_names_one_of_the_terms_own_names(db):
    from django.core.exceptions import ValidationError

    term = GlossaryTerm(term="PCR", definition="A test.", other_names="polymerase chain reaction")
    term.say_it_as = " PCR :P C R ,"
    term.clean()
    assert term.say_it_as == "PCR: P C R" and term.pronunciations() == {"PCR": "P C R"}
    for wrong in ("NGS: N G S", "PCR", "pcr: P C R"):
        term.say_it_as = wrong
        with pytest.raises(ValidationError) as error:
            term.clean()
        assert "say_it_as" in error.value.message_dict, wrong


def test_terms_loaded_before_say_it_as_came_are_not_taken_for_editors_changes(db):
    import hashlib

    term = GlossaryTerm(term="Relapse", definition="It comes back.", other_names="")
    # The digest as the loader wrote it before the field existed.
    term.loaded_digest = hashlib.sha256(b"Relapse\x1fIt comes back.\x1f").hexdigest()
    assert not term.edited_since_loaded()
    term.say_it_as = "Relapse: re lapse"
    assert term.edited_since_loaded()
