"""The cells-in-the-body explainer's numbers, kept in one place that editors manage and clinical
reviewers approve: an Explainer snippet with its stages and detection methods.

Pages place an explainer with the ExplainerBlock (blocks.py), so the home page and every
information page show the same reviewed numbers. The snippet has drafts, revisions, locking
and workflows, so a change to a number can be reviewed before it goes live.

Two kinds of number, never mixed:
- a stage may give leukaemia cells *in the whole body* as powers of ten, only where FACTS.md
  gives such a count (diagnosis about 10^12; remission up to 10^9–10^10);
- or it gives what the test sees: a *share of the cells in the marrow sample* (1 in 10,000 to
  1 in 100,000), or "none found" below the test's limit, which is not zero.
A share is never turned into a body count: FACTS.md says that arithmetic needs clinical checking."""

from typing import Any

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest
from django.utils.functional import cached_property
from django.utils.text import slugify

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from mrdinfo.core.pages.slugs import unique_slug

from . import numbers

LEVEL_CELLS = "cells"
LEVEL_SHARE = "share"
LEVEL_SHARE_AT_LEAST = "share_at_least"
LEVEL_NOT_DETECTED = "not_detected"
LEVEL_NONE = "none"
SHARE_LEVELS = (LEVEL_SHARE, LEVEL_SHARE_AT_LEAST, LEVEL_NOT_DETECTED)
LEVEL_CHOICES = [
    (LEVEL_CELLS, "Leukaemia cells in the whole body (only where the fact sheet gives a count)"),
    (LEVEL_SHARE, "A share of the cells in the marrow sample (what the test sees)"),
    (LEVEL_SHARE_AT_LEAST, "Found: this share of the marrow sample or more"),
    (LEVEL_NOT_DETECTED, "None found: fewer than the test's limit (not the same as zero)"),
    (LEVEL_NONE, "No number at this stage"),
]

QUALIFIER_CHOICES = [("about", "about"), ("up to", "up to"), ("up to about", "up to about")]

SEEN_BY_EVERY_METHOD = "every_method"
SEEN_BY_ALL_BUT_LEAST_SENSITIVE = "all_but_least_sensitive"
SEEN_BY_CHOICES = [
    (SEEN_BY_EVERY_METHOD, "Every method can find them, even the least sensitive (the microscope)"),
    (
        SEEN_BY_ALL_BUT_LEAST_SENSITIVE,
        "Too few for the least sensitive method (the microscope); the other tests might find some",
    ),
]


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
        from .blocks import ExplainerBlock

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


class ExplainerStage(Orderable):
    explainer = ParentalKey(Explainer, on_delete=models.CASCADE, related_name="stages")
    name = models.CharField(max_length=60, help_text="Short, e.g. “Remission”.")
    link_name = models.SlugField(
        max_length=40,
        blank=True,
        help_text="Optional. The end of this stage's address, e.g. remission. Set it to keep shared "
        "links working if you rename the stage.",
    )
    branch = models.CharField(
        max_length=60,
        blank=True,
        help_text="Optional. Stages next to each other with the same branch are alternatives at one point "
        "in treatment: a child has one of them, e.g. “First MRD result”. None is shown as the usual one.",
    )
    summary = models.TextField(max_length=500, help_text="A plain sentence or two: what is happening at this stage.")
    level = models.CharField(
        "what the number is", max_length=20, choices=LEVEL_CHOICES, default=LEVEL_CELLS, help_text=""
    )
    qualifier = models.CharField(max_length=12, choices=QUALIFIER_CHOICES, default="about", blank=True)
    cells_exponent_low = models.PositiveSmallIntegerField(
        "cells in the body: lowest power of ten",
        null=True,
        blank=True,
        help_text="For a range: 9 means 10⁹, a thousand million. Leave empty for a single number.",
    )
    cells_exponent_high = models.PositiveSmallIntegerField(
        "cells in the body: power of ten",
        null=True,
        blank=True,
        help_text="12 means 10¹², a million million. For a range, the highest.",
    )
    seen_by = models.CharField(
        "who can see cells in the body",
        max_length=30,
        choices=SEEN_BY_CHOICES,
        blank=True,
        help_text="For a count in the body only. A share of the sample is compared with each method's limit for you.",
    )
    share_exponent_high = models.SmallIntegerField(
        "share of the sample: power of ten",
        null=True,
        blank=True,
        help_text="-4 means 1 in 10,000. For a range, the larger share (-4). For “none found”, the test's limit.",
    )
    share_exponent_low = models.SmallIntegerField(
        "share of the sample: smallest power of ten",
        null=True,
        blank=True,
        help_text="For a range only: -5 means down to 1 in 100,000.",
    )
    note = models.TextField(
        max_length=500,
        blank=True,
        help_text="Optional: something a parent should also know, e.g. what happens next after a result.",
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("link_name")]),
        FieldPanel("branch"),
        FieldPanel("summary"),
        FieldPanel("level"),
        MultiFieldPanel(
            [
                FieldPanel("qualifier"),
                FieldRowPanel([FieldPanel("cells_exponent_high"), FieldPanel("cells_exponent_low")]),
                FieldPanel("seen_by"),
            ],
            heading="Cells in the whole body",
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("share_exponent_high"), FieldPanel("share_exponent_low")])],
            heading="Share of the marrow sample",
        ),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "stage"

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.level == LEVEL_CELLS:
            high, low = self.cells_exponent_high, self.cells_exponent_low
            if high is None:
                errors["cells_exponent_high"] = "Give the number of cells as a power of ten, e.g. 12."
            elif not 1 <= high <= numbers.LARGEST_EXPONENT:
                errors["cells_exponent_high"] = f"Use a power of ten from 1 to {numbers.LARGEST_EXPONENT}."
            elif low is not None and not 1 <= low <= high:
                errors["cells_exponent_low"] = "The lowest power must be 1 or more, and no more than the highest."
            if not self.seen_by:
                errors["seen_by"] = "Say which methods can see this many cells."
            if not self.qualifier:
                errors["qualifier"] = "Say “about” or “up to”."
            if self.share_exponent_high is not None or self.share_exponent_low is not None:
                errors["share_exponent_high"] = "A count in the body has no share of the sample: leave this empty."
        elif self.level in SHARE_LEVELS:
            high, low = self.share_exponent_high, self.share_exponent_low
            if high is None:
                errors["share_exponent_high"] = "Give the share as a power of ten, e.g. -4 for 1 in 10,000."
            elif not numbers.SMALLEST_SHARE_EXPONENT <= high <= -1:
                errors["share_exponent_high"] = f"Use a power from -1 to {numbers.SMALLEST_SHARE_EXPONENT}."
            elif low is not None and (self.level != LEVEL_SHARE or not numbers.SMALLEST_SHARE_EXPONENT <= low <= high):
                errors["share_exponent_low"] = (
                    "“None found” and “this share or more” have one power only: leave this empty."
                    if self.level != LEVEL_SHARE
                    else "The smallest share must be no bigger than the larger one (-5 is smaller than -4)."
                )
            if self.cells_exponent_high is not None or self.cells_exponent_low is not None:
                errors["cells_exponent_high"] = (
                    "A share of the sample is not a count in the body: leave the cells empty. "
                    "The fact sheet says turning one into the other needs a clinical check."
                )
        else:
            if any(
                value is not None
                for value in (
                    self.cells_exponent_high,
                    self.cells_exponent_low,
                    self.share_exponent_high,
                    self.share_exponent_low,
                )
            ):
                errors["level"] = "A stage with no number should have no powers of ten."
        if errors:
            raise ValidationError(errors)

    # --- the numbers, computed -------------------------------------------------------------
    @property
    def cells_range(self) -> tuple[int, int] | None:
        """(low, high) powers of ten of cells in the body, or None."""
        if self.level != LEVEL_CELLS or self.cells_exponent_high is None:
            return None
        high = self.cells_exponent_high
        low = self.cells_exponent_low if self.cells_exponent_low is not None else high
        return (low, high)

    @property
    def share_range(self) -> tuple[int | None, int | None] | None:
        """(low, high) powers of ten of the share of the sample, or None. For "none found",
        high is the limit below which nothing was found and low is None (unknown); for "this
        share or more", low is the share and high is None (no upper bound is given)."""
        if self.level not in SHARE_LEVELS or self.share_exponent_high is None:
            return None
        if self.level == LEVEL_NOT_DETECTED:
            return (None, self.share_exponent_high)
        if self.level == LEVEL_SHARE_AT_LEAST:
            return (self.share_exponent_high, None)
        low = self.share_exponent_low if self.share_exponent_low is not None else self.share_exponent_high
        return (low, self.share_exponent_high)


class DetectionMethod(Orderable):
    explainer = ParentalKey(Explainer, on_delete=models.CASCADE, related_name="methods")
    name = models.CharField(max_length=60, help_text="e.g. “MRD test by PCR”.")
    short_name = models.CharField(
        max_length=20, help_text="For the labels on the picture, where space is tight, e.g. “MRD test”."
    )
    limit_exponent = models.SmallIntegerField(
        "smallest share it can find: power of ten",
        help_text="-2 means 1 cell in 100. For a range, the one it can always reach (-4 for 1 in 10,000).",
    )
    best_limit_exponent = models.SmallIntegerField(
        "at its best: power of ten",
        null=True,
        blank=True,
        help_text="For a range only: -5 means at its best it finds 1 in 100,000.",
    )
    note = models.CharField(max_length=400, blank=True, help_text="Optional, e.g. what the method looks for.")

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("short_name")]),
        FieldRowPanel([FieldPanel("limit_exponent"), FieldPanel("best_limit_exponent")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "detection method"

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.limit_exponent is not None and not numbers.SMALLEST_SHARE_EXPONENT <= self.limit_exponent <= -1:
            raise ValidationError(
                {"limit_exponent": f"Use a power from -1 to {numbers.SMALLEST_SHARE_EXPONENT}, e.g. -2 for 1 in 100."}
            )
        if self.best_limit_exponent is not None and not (
            numbers.SMALLEST_SHARE_EXPONENT <= self.best_limit_exponent <= (self.limit_exponent or 0)
        ):
            raise ValidationError(
                {"best_limit_exponent": "At its best a method finds a smaller share: -5 is smaller than -4."}
            )

    @property
    def limits(self) -> tuple[int, int]:
        """(best, worst) powers of ten: -5, -4 for 1 in 100,000 at best, 1 in 10,000 always."""
        best = self.best_limit_exponent if self.best_limit_exponent is not None else self.limit_exponent
        return (best, self.limit_exponent)

    @property
    def limit_text(self) -> str:
        best, worst = self.limits
        return numbers.share_range(best, worst)
