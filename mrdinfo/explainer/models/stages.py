"""An explainer's stages (what the number is at each point in treatment, checked so a count in
the body and a share of the sample are never mixed) and its detection methods (the smallest
share each can find)."""

from modelcluster.fields import ParentalKey

from django.core.exceptions import ValidationError
from django.db import models

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Orderable

from .. import numbers
from .explainer import Explainer
from .levels import (
    LEVEL_CELLS,
    LEVEL_CHOICES,
    LEVEL_NOT_DETECTED,
    LEVEL_SHARE,
    LEVEL_SHARE_AT_LEAST,
    QUALIFIER_CHOICES,
    SEEN_BY_CHOICES,
    SHARE_LEVELS,
)


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
