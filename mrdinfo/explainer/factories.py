"""Test data: a published explainer with the five stages and three methods from FACTS.md,
and pages that carry explainers."""

import factory

from mrdinfo.home.models import HomePage

from .models import DetectionMethod, Explainer, ExplainerStage

STAGES = [
    {
        "name": "Diagnosis",
        "link_name": "diagnosis",
        "summary": "There are about a million million leukaemia cells.",
        "level": "cells",
        "qualifier": "about",
        "cells_exponent_high": 12,
        "seen_by": "every_method",
    },
    {
        "name": "Remission",
        "link_name": "remission",
        "summary": "The microscope cannot see them, but up to thousands of millions are left.",
        "level": "cells",
        "qualifier": "up to",
        "cells_exponent_high": 10,
        "cells_exponent_low": 9,
        "seen_by": "all_but_least_sensitive",
    },
    {
        "name": "Found by the MRD test",
        "link_name": "mrd-test-window",
        "summary": "Only the MRD test can find them.",
        "level": "share",
        "share_exponent_high": -4,
        "share_exponent_low": -5,
    },
    {
        "name": "MRD negative",
        "link_name": "mrd-negative",
        "summary": "The test found none. That is not the same as zero.",
        "level": "not_detected",
        "share_exponent_high": -4,
    },
    {"name": "Further treatment", "link_name": "further-treatment", "summary": "Treatment goes on.", "level": "none"},
]
METHODS = [
    {"name": "Microscope", "short_name": "Microscope", "limit_exponent": -2},
    {"name": "MRD test by PCR", "short_name": "MRD test", "limit_exponent": -4, "best_limit_exponent": -5},
    {"name": "Newer tests", "short_name": "Newer tests", "limit_exponent": -6},
]


class ExplainerFactory(factory.django.DjangoModelFactory):
    """A published explainer (saved, with a revision, then published, as Wagtail does)."""

    class Meta:
        model = Explainer
        skip_postgeneration_save = True

    name = "Cells in the body"
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))
    title = "How many leukaemia cells are there?"
    intro = "Move through the stages of treatment."
    sources = "Moppett and others, 2003."

    @factory.post_generation
    def children(obj, create, extracted, **kwargs):
        stages = extracted["stages"] if extracted else STAGES
        methods = extracted["methods"] if extracted else METHODS
        obj.stages = [ExplainerStage(sort_order=i, **fields) for i, fields in enumerate(stages)]
        obj.methods = [DetectionMethod(sort_order=i, **fields) for i, fields in enumerate(methods)]
        if create:
            obj.save()
            obj.save_revision().publish()


def place_explainers(home, *block_values):
    """Put explainer blocks on the home page body and publish it. Each value is a dict:
    {"explainer": Explainer, "heading": "", "start_stage": ""}."""
    home = HomePage.objects.get(pk=home.pk)
    home.body = [("explainer", {"heading": "", "start_stage": "", **value}) for value in block_values]
    home.save_revision().publish()
    return HomePage.objects.get(pk=home.pk)
