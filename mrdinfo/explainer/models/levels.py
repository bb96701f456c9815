"""What a stage's number is (a count in the whole body, a share of the marrow sample, "none
found", or no number), how it is qualified, and which methods can see a count in the body: the
choices editors pick from, and the names presentation.py and stage_wording.py compare a stage's
level with."""

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
