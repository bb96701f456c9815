"""Test data: a published explainer with the eight stages (three of them the alternative first
MRD results) and three methods from FACTS.md,
and pages that carry explainers."""

import factory

from wagtail.models import Page

from ..models import DetectionMethod, Explainer, ExplainerStage

STAGES = [
    {
        "name": "Diagnosis",
        "link_name": "diagnosis",
        "summary": "There may be up to about a million million leukaemia cells.",
        "level": "cells",
        "qualifier": "up to about",
        "cells_exponent_high": 12,
        "seen_by": "every_method",
    },
    {
        "name": "End of the first month",
        "link_name": "remission",
        "summary": "In remission, the microscope cannot see them, but up to thousands of millions may be left.",
        "level": "cells",
        "qualifier": "up to",
        "cells_exponent_high": 10,
        "cells_exponent_low": 9,
        "seen_by": "all_but_least_sensitive",
    },
    {
        "name": "First MRD result: none found",
        "link_name": "mrd-none-found",
        "branch": "First MRD result",
        "summary": "The test found none. That is not the same as zero.",
        "level": "not_detected",
        "share_exponent_high": -4,
    },
    {
        "name": "First MRD result: found at a low level",
        "link_name": "mrd-found-low",
        "branch": "First MRD result",
        "summary": "The test found some, fewer than 1 in 10,000.",
        "level": "share",
        "share_exponent_high": -4,
        "share_exponent_low": -5,
    },
    {
        "name": "First MRD result: found at a higher level",
        "link_name": "mrd-found-higher",
        "branch": "First MRD result",
        "summary": "The test found 1 in 10,000 or more.",
        "level": "share_at_least",
        "share_exponent_high": -4,
        "note": "What usually happens next is more or different treatment.",
    },
    {
        "name": "A later MRD check",
        "link_name": "later-check",
        "summary": "Some children have another test.",
        "level": "none",
    },
    {
        "name": "The rest of treatment",
        "link_name": "rest-of-treatment",
        "summary": "Treatment goes on.",
        "level": "none",
    },
    {
        "name": "After treatment",
        "link_name": "after-treatment",
        "summary": "Cure is judged over years.",
        "level": "none",
    },
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


def place_explainers(page, *block_values):
    """Put explainer blocks on a page's body (the home page's, in these tests) and publish it.
    Each value is a dict: {"explainer": Explainer, "heading": "", "start_stage": ""}. The page's
    own type is used, so the explainer app needs to know nothing of the page types that place it."""
    page = Page.objects.get(pk=page.pk).specific
    page.body = [("explainer", {"heading": "", "start_stage": "", **value}) for value in block_values]
    page.save_revision().publish()
    return Page.objects.get(pk=page.pk).specific
