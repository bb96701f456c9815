"""content/explainers.yaml: loads the default explainer, places it on a page by name, changes
nothing the second time, leaves editors' changes alone, and reports mistakes as file:line."""

import json
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from django.conf import settings

from wagtail.models import Revision

from mrdinfo.core.content.errors import ContentError
from mrdinfo.core.content.loader import ContentLoader
from mrdinfo.explainer.models import Explainer
from mrdinfo.home.models import HomePage

pytestmark = pytest.mark.django_db

REAL_FILE = Path(settings.BASE_DIR) / "content" / "explainers.yaml"

# What the lead puts in a page's body to place the explainer (the same YAML as in the report).
HOME = """\
type: home.HomePage
title: Home
hero_heading: Understanding MRD
hero_text: A few leukaemia cells can be left after treatment.
body:
  - explainer:
      explainer: Cells in the body
  - explainer:
      explainer: Cells in the body
      heading: See the cells at remission
      start_stage: remission
"""


@pytest.fixture
def content_dir(tmp_path):
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "home.yaml").write_text(HOME)
    shutil.copy(REAL_FILE, tmp_path / "explainers.yaml")
    return tmp_path


def load(content_dir, **kwargs):
    return ContentLoader(content_dir, **kwargs).load()


def test_the_default_explainer_loads_with_the_facts_sheet_numbers(content_dir, client):
    report = load(content_dir)
    assert "explainer Cells in the body: created" in report.other
    explainer = Explainer.objects.get(name="Cells in the body")
    assert explainer.live and explainer.slug == "cells-in-the-body"
    stages = {s.link_name: s for s in explainer.stages.all()}
    assert list(stages) == [
        "diagnosis",
        "remission",
        "mrd-none-found",
        "mrd-found-low",
        "mrd-found-higher",
        "later-check",
        "rest-of-treatment",
        "after-treatment",
    ]
    assert stages["diagnosis"].cells_range == (12, 12) and stages["diagnosis"].qualifier == "up to about"
    assert stages["remission"].cells_range == (9, 10)
    # The three first MRD results are alternatives, and "none found" is not merged with "found low".
    assert {stages[s].branch for s in ("mrd-none-found", "mrd-found-low", "mrd-found-higher")} == {"First MRD result"}
    assert stages["mrd-none-found"].share_range == (None, -4)
    assert stages["mrd-found-low"].share_range == (-5, -4) and stages["mrd-found-low"].cells_range is None
    assert stages["mrd-found-higher"].share_range == (-4, None)
    assert [m.limits for m in explainer.methods.all()] == [(-2, -2), (-5, -4), (-6, -6)]

    html = client.get("/").content.decode()
    soup = BeautifulSoup(html, "html.parser")
    assert len(soup.find_all("figure")) == 2
    text = " ".join(soup.find("figure").get_text(" ").split())
    assert "up to about a million million" in text and "1,000,000,000,000" not in text
    assert soup.find("h2", id="cells-in-the-body-2-title").get_text() == "See the cells at remission"
    assert "is-current" in soup.find(id="cells-in-the-body-2-remission")["class"]


def test_loading_twice_changes_nothing(content_dir):
    load(content_dir)
    explainer = Explainer.objects.get()
    revisions, saved_at = Revision.objects.count(), explainer.latest_revision.created_at
    report = load(content_dir)
    assert Revision.objects.count() == revisions
    assert not [line for line in report.other if "explainer" in line]
    assert report.unchanged == ["/"]
    assert Explainer.objects.get().latest_revision.created_at == saved_at


def test_a_changed_file_updates_the_explainer_with_a_new_revision(content_dir):
    load(content_dir)
    path = content_dir / "explainers.yaml"
    path.write_text(path.read_text().replace("cells_exponent_high: 12", "cells_exponent_high: 11"))
    report = load(content_dir)
    assert "explainer Cells in the body: updated" in report.other
    assert Explainer.objects.get().stages.first().cells_exponent_high == 11
    assert Explainer.objects.get().revisions.count() == 2


def test_an_editors_change_in_wagtail_is_left_alone(content_dir, admin_user):
    load(content_dir)
    explainer = Explainer.objects.get()
    explainer.title = "An editor's heading"
    explainer.save_revision(user=admin_user).publish(user=admin_user)
    path = content_dir / "explainers.yaml"
    path.write_text(path.read_text().replace("cells_exponent_high: 12", "cells_exponent_high: 11"))
    report = load(content_dir)
    assert any("left alone" in line for line in report.other)
    assert Explainer.objects.get().title == "An editor's heading"
    load(content_dir, overwrite_edits=True)
    assert Explainer.objects.get().title == "How many leukaemia cells are there?"


def line_of(text, needle):
    return next(i for i, line in enumerate(text.splitlines(), start=1) if needle in line)


@pytest.mark.parametrize(
    ("original", "replacement", "bad_line", "message"),
    [
        # A share of the sample given a count in the body too: refused (FACTS.md: needs a clinical check).
        (
            "share_exponent_low: -5\n",
            "share_exponent_low: -5\n        cells_exponent_high: 7\n",
            "cells_exponent_high: 7",
            "not a count in the body",
        ),
        ("cells_exponent_high: 12", "cells_exponent_high: 40", "cells_exponent_high: 40", "from 1 to 18"),
        ("        level: share_at_least", "        level: nothing", "level: nothing", "is not a valid choice"),
        ("limit_exponent: -2", "limit_exponent: 2", "limit_exponent: 2", "Use a power from -1 to -12"),
        (
            "short_name: Microscope\n",
            "short_name: Microscope\n        colour: red\n",
            "colour: red",
            "no field 'colour'",
        ),
        ("    slug: cells-in-the-body\n", "", "- name: Cells in the body", "needs 'slug'"),
    ],
)
def test_a_mistake_reports_file_and_line_and_changes_nothing(content_dir, original, replacement, bad_line, message):
    path = content_dir / "explainers.yaml"
    text = path.read_text()
    assert text.count(original) == 1
    broken = text.replace(original, replacement)
    path.write_text(broken)
    with pytest.raises(ContentError) as error:
        load(content_dir)
    assert error.value.path.endswith("explainers.yaml")
    assert error.value.line == line_of(broken, bad_line), str(error.value)
    assert message in error.value.message, str(error.value)
    assert not Explainer.objects.exists() and not HomePage.objects.exists()


def test_a_page_naming_an_unknown_explainer_reports_its_line(content_dir):
    home = content_dir / "pages" / "home.yaml"
    home.write_text(HOME.replace("explainer: Cells in the body\n  -", "explainer: Cells in the bod\n  -", 1))
    with pytest.raises(ContentError) as error:
        load(content_dir)
    assert error.value.line == 7 and "no cells-in-the-body explainer 'Cells in the bod'" in error.value.message


def test_a_start_stage_that_does_not_exist_is_refused(content_dir):
    home = content_dir / "pages" / "home.yaml"
    home.write_text(HOME.replace("start_stage: remission", "start_stage: cured"))
    with pytest.raises(ContentError) as error:
        load(content_dir)
    assert error.value.line == 11 and "no stage called 'cured'" in error.value.message


def test_the_sites_content_places_the_explainer_on_home_and_what_is_mrd(site_content, client):
    for url, heading in (
        ("/", "From diagnosis to the first MRD result"),
        ("/understanding-mrd/what-is-mrd/", "See the numbers, stage by stage"),
    ):
        html = client.get(url).content.decode()
        figure = BeautifulSoup(html, "html.parser").find("figure", id="cells-in-the-body")
        assert figure is not None and "explainer" in figure["class"], url
        assert heading in figure.get_text(), url
        # The whole story is in the page without JavaScript: every stage, in words.
        for stage in ("Diagnosis", "remission", "none found", "found at a low level", "found at a higher level"):
            assert stage in figure.get_text(), (url, stage)
        assert "up to about a million million" in figure.get_text(), url


FACTS = Path(settings.BASE_DIR) / "docs" / "FACTS.md"
NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")


def explainer_numbers(client, explainers_yaml):
    """Every number a reader meets in the explainer: its text, its table, and the picture's labels."""
    from mrdinfo.core.content.loader import ContentLoader

    ContentLoader(explainers_yaml.parent).load()
    html = client.get("/understanding-mrd/what-is-mrd/").content.decode()
    figure = BeautifulSoup(html, "html.parser").find("figure", id="cells-in-the-body")
    assert figure is not None
    data = figure.find("script", type="application/json")
    data.extract()  # the picture's labels are checked below; the JSON's own exponents are not text
    labels = [label["label"] for part in ("body", "sample") for label in (json.loads(data.string)[part] or [])]
    return set(NUMBER.findall(figure.get_text(" ") + " " + " ".join(labels)))


def test_every_number_in_the_explainer_is_in_the_fact_sheet(client):
    facts = set(NUMBER.findall(FACTS.read_text()))
    shown = explainer_numbers(client, REAL_FILE)
    assert {"95", "10,000", "100,000", "31,700"} <= shown  # the test sees the numbers
    assert not shown - facts, f"numbers in the explainer that are not in docs/FACTS.md: {sorted(shown - facts)}"


def test_the_facts_check_fails_when_a_number_not_in_the_fact_sheet_is_added(client, tmp_path):
    shutil.copytree(REAL_FILE.parent, tmp_path / "content")
    path = tmp_path / "content" / "explainers.yaml"
    path.write_text(path.read_text().replace("more than 95 in 100 children", "more than 97 in 100 children"))
    facts = set(NUMBER.findall(FACTS.read_text()))
    assert "97" not in facts
    assert "97" in explainer_numbers(client, path) - facts
