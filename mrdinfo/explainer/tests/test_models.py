"""The rules editors work within: a stage carries a count in the body OR a share of the sample,
never both; which methods can find a stage is worked out, not typed; the admin works."""

import pytest

from django.core.exceptions import ValidationError

from mrdinfo.explainer.models import DetectionMethod, ExplainerStage
from mrdinfo.explainer.presentation import detection
from mrdinfo.explainer.tests.factories import METHODS, ExplainerFactory

pytestmark = pytest.mark.django_db


def stage(**fields):
    return ExplainerStage(name="A stage", summary="Words.", **fields)


@pytest.mark.parametrize(
    ("fields", "field_in_error"),
    [
        ({"level": "cells", "qualifier": "about", "seen_by": "every_method"}, "cells_exponent_high"),
        ({"level": "cells", "qualifier": "about", "cells_exponent_high": 12}, "seen_by"),
        (
            {
                "level": "cells",
                "qualifier": "about",
                "seen_by": "every_method",
                "cells_exponent_high": 9,
                "cells_exponent_low": 10,
            },
            "cells_exponent_low",
        ),
        (
            {
                "level": "cells",
                "qualifier": "about",
                "seen_by": "every_method",
                "cells_exponent_high": 12,
                "share_exponent_high": -4,
            },
            "share_exponent_high",
        ),
        ({"level": "share", "share_exponent_high": -4, "cells_exponent_high": 8}, "cells_exponent_high"),
        ({"level": "share", "share_exponent_high": 4}, "share_exponent_high"),
        ({"level": "share", "share_exponent_high": -5, "share_exponent_low": -4}, "share_exponent_low"),
        ({"level": "not_detected", "share_exponent_high": -4, "share_exponent_low": -5}, "share_exponent_low"),
        ({"level": "none", "cells_exponent_high": 3}, "level"),
    ],
)
def test_a_stage_cannot_mix_a_body_count_with_a_share_or_go_out_of_range(fields, field_in_error):
    with pytest.raises(ValidationError) as error:
        stage(**fields).clean()
    assert field_in_error in error.value.message_dict


def test_valid_stages_pass():
    stage(
        level="cells", qualifier="up to", seen_by="every_method", cells_exponent_high=10, cells_exponent_low=9
    ).clean()
    stage(level="share", share_exponent_high=-4, share_exponent_low=-5).clean()
    stage(level="not_detected", share_exponent_high=-4).clean()
    stage(level="none").clean()


def test_a_method_finds_a_smaller_share_at_its_best():
    with pytest.raises(ValidationError):
        DetectionMethod(name="X", short_name="X", limit_exponent=-4, best_limit_exponent=-3).clean()
    with pytest.raises(ValidationError):
        DetectionMethod(name="X", short_name="X", limit_exponent=3).clean()


def statuses(level, **fields):
    methods = [DetectionMethod(**m) for m in METHODS]
    return [r["status"] for r in detection(stage(level=level, **fields), methods)]


def test_which_methods_find_a_share_is_computed_from_their_limits():
    # 1 in 10,000 to 1 in 100,000: too few for the microscope (1 in 100), the edge of the PCR
    # test (1 in 10,000 to 1 in 100,000), well within newer tests (1 in 1,000,000).
    assert statuses("share", share_exponent_high=-4, share_exponent_low=-5) == ["cannot", "edge", "finds"]
    assert statuses("share", share_exponent_high=-3) == ["cannot", "finds", "finds"]
    assert statuses("share", share_exponent_high=-2) == ["finds", "finds", "finds"]
    # None found by the PCR test: only a more sensitive test might still find some.
    assert statuses("not_detected", share_exponent_high=-4) == ["cannot", "cannot", "might"]
    assert statuses("not_detected", share_exponent_high=-2) == ["cannot", "might", "might"]
    assert statuses("none") == ["not-measured"] * 3
    # A count in the body says which methods see it (no share arithmetic on body counts).
    assert statuses("cells", seen_by="every_method", cells_exponent_high=12) == ["finds"] * 3
    # "Up to thousands of millions" is an upper bound (many children have far fewer): the finer
    # tests only might find some; the first MRD result says which (clinical read, 2026-11-28).
    assert statuses("cells", seen_by="all_but_least_sensitive", cells_exponent_high=10) == [
        "cannot",
        "might",
        "might",
    ]
    # Found at 1 in 10,000 or more: the tests that reach 1 in 10,000 find it; the microscope
    # (1 in 100) might see a larger share, as no upper bound is given.
    assert statuses("share_at_least", share_exponent_high=-4) == ["might", "finds", "finds"]
    assert statuses("share_at_least", share_exponent_high=-5) == ["might", "edge", "finds"]


def test_stage_link_names_are_unique_and_stable():
    explainer = ExplainerFactory(
        children={
            "stages": [
                {"name": "Remission", "summary": "x", "level": "none"},
                {"name": "Remission", "summary": "y", "level": "none"},
                {"name": "Later", "link_name": "after", "summary": "z", "level": "none"},
            ],
            "methods": METHODS,
        }
    )
    assert explainer.stage_anchors() == ["remission", "remission-2", "after"]


def test_the_snippet_admin_lists_creates_and_edits_explainers(admin_client):
    explainer = ExplainerFactory()
    listing = admin_client.get("/admin/snippets/explainer/explainer/")
    assert listing.status_code == 200 and "Cells in the body" in listing.content.decode()
    edit = admin_client.get(f"/admin/snippets/explainer/explainer/edit/{explainer.pk}/")
    html = edit.content.decode()
    assert edit.status_code == 200
    assert "Stages, in order of treatment" in html and "Detection methods" in html and "Remission" in html
    assert admin_client.get("/admin/snippets/explainer/explainer/add/").status_code == 200
