"""content/explainers.yaml: loads the default explainer, places it on a page by name, changes
nothing the second time, leaves editors' changes alone, and reports mistakes as file:line."""

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
    assert list(stages) == ["diagnosis", "remission", "mrd-test-window", "mrd-negative", "further-treatment"]
    assert stages["diagnosis"].cells_range == (12, 12)
    assert stages["remission"].cells_range == (9, 10)
    assert stages["mrd-test-window"].share_range == (-5, -4) and stages["mrd-test-window"].cells_range is None
    assert stages["mrd-negative"].share_range == (None, -4)
    assert [m.limits for m in explainer.methods.all()] == [(-2, -2), (-5, -4), (-6, -6)]

    html = client.get("/").content.decode()
    assert html.count("<figure") == 2
    assert "about a million million — 1,000,000,000,000" in re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))
    assert '<h2 class="explainer__title" id="cells-in-the-body-2-title">See the cells at remission</h2>' in html
    assert 'class="explainer__stage explainer__stage--cells is-current" id="cells-in-the-body-2-remission"' in html


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
        ("        level: none", "        level: nothing", "level: nothing", "is not a valid choice"),
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


def test_the_sites_content_places_the_explainer_on_home_and_what_is_mrd(client):
    from mrdinfo.core.content.loader import ContentLoader

    ContentLoader(Path(settings.BASE_DIR) / "content").load()
    for url, heading in (
        ("/", "From a million million cells to “none found”"),
        ("/understanding-mrd/what-is-mrd/", "See the numbers, stage by stage"),
    ):
        html = client.get(url).content.decode()
        figure = BeautifulSoup(html, "html.parser").find("figure", id="cells-in-the-body")
        assert figure is not None and "explainer" in figure["class"], url
        assert heading in figure.get_text(), url
        # The whole story is in the page without JavaScript: every stage, with words and digits.
        for stage in ("Diagnosis", "Remission", "MRD negative", "Further treatment"):
            assert stage in figure.get_text(), (url, stage)
        assert "1,000,000,000,000" in figure.get_text(), url
