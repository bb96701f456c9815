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
A share is never turned into a body count: FACTS.md says that arithmetic needs clinical checking.

Here: levels.py (what a stage's number is: the choices), explainer.py (the snippet, its panels and
preview), stages.py (its stages, each checked, and its detection methods)."""

from .explainer import Explainer
from .levels import (
    LEVEL_CELLS,
    LEVEL_CHOICES,
    LEVEL_NONE,
    LEVEL_NOT_DETECTED,
    LEVEL_SHARE,
    LEVEL_SHARE_AT_LEAST,
    QUALIFIER_CHOICES,
    SEEN_BY_ALL_BUT_LEAST_SENSITIVE,
    SEEN_BY_CHOICES,
    SEEN_BY_EVERY_METHOD,
    SHARE_LEVELS,
)
from .stages import DetectionMethod, ExplainerStage

__all__ = [
    "LEVEL_CELLS",
    "LEVEL_CHOICES",
    "LEVEL_NONE",
    "LEVEL_NOT_DETECTED",
    "LEVEL_SHARE",
    "LEVEL_SHARE_AT_LEAST",
    "QUALIFIER_CHOICES",
    "SEEN_BY_ALL_BUT_LEAST_SENSITIVE",
    "SEEN_BY_CHOICES",
    "SEEN_BY_EVERY_METHOD",
    "SHARE_LEVELS",
    "DetectionMethod",
    "Explainer",
    "ExplainerStage",
]
