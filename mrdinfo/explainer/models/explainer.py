"""The Explainer snippet itself: its name, heading and sources, its admin panels and preview,
and the stages and methods in order (they are in stages.py)."""

from typing import Any

from modelcluster.models import ClusterableModel

from django.db import models
from django.http import HttpRequest
from django.utils.functional import cached_property
from django.utils.text import slugify

from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import DraftStateMixin, LockableMixin, PreviewableMixin, RevisionMixin, WorkflowMixin
from wagtail.search import index

from mrdinfo.core.pages.slugs import unique_slug


class Explainer(
    WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, PreviewableMixin, index.Indexed, ClusterableModel
):
    name = models.CharField(
        max_length=100, unique=True, help_text="For editors and content files, e.g. “Cells in the body”."
    )
    slug = models.SlugField(
        "link name",
        max_length=60,
        unique=True,
        help_text="Starts the address of each stage, e.g. cells-in-the-body gives "
        "#cells-in-the-body-remission. Changing it breaks links people have shared.",
    )
    title = models.CharField(
        max_length=120, help_text="The heading readers see, e.g. “How many leukaemia cells are there?”"
    )
    intro = models.TextField(max_length=400, blank=True, help_text="One or two plain sentences under the heading.")
    sources = models.TextField(
        blank=True,
        help_text="Where the numbers come from, shown in small print under the table. "
        "Every number must come from the fact sheet.",
    )

    content_natural_key = "name"  # content files and page bodies name an explainer

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("title"),
        FieldPanel("intro"),
        InlinePanel("stages", label="Stages", min_num=1, heading="Stages, in order of treatment"),
        InlinePanel("methods", label="Detection methods", min_num=1, heading="Detection methods"),
        FieldPanel("sources"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("title"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = "cells-in-the-body explainer"

    def __str__(self) -> str:
        return self.name

    # --- preview in the admin: the explainer as readers will see it ---------------------------
    @property
    def preview_sizes(self) -> list[dict[str, Any]]:
        from mrdinfo.core.models import PREVIEW_SIZES

        return PREVIEW_SIZES

    def get_preview_template(self, request: HttpRequest, mode_name: str) -> str:
        return "explainer/explainer_preview.html"

    def get_preview_context(self, request: HttpRequest, mode_name: str) -> dict[str, Any]:
        from ..blocks import ExplainerBlock

        context = super().get_preview_context(request, mode_name)
        # A draft may never have been published: show it anyway, it is only the preview.
        self.show_unpublished = True
        block = ExplainerBlock()
        context["explainer_block"] = block.bind(block.normalize({"explainer": self, "heading": "", "start_stage": ""}))
        return context

    # --- what the page needs ---------------------------------------------------------------------
    @cached_property
    def ordered_stages(self) -> list[Any]:
        return list(self.stages.all())

    @cached_property
    def ordered_methods(self) -> list[Any]:
        return list(self.methods.all())

    def stage_anchors(self) -> list[str]:
        """Unique link names for the stages, in order (like heading anchors: a repeat gets -2)."""
        taken, anchors = set(), []
        for stage in self.ordered_stages:
            anchors.append(unique_slug(slugify(stage.link_name or stage.name)[:40].strip("-") or "stage", taken))
        return anchors
