"""Turn an Explainer into what the page shows: each stage's number in words and digits, its
comparisons, which methods can find it, the dot picture's caption, and the data the script
draws from. The template and the script both read from here, so the words, the table and the
picture always agree."""

from . import numbers
from .models import (
    LEVEL_CELLS,
    LEVEL_NONE,
    LEVEL_NOT_DETECTED,
    LEVEL_SHARE,
    LEVEL_SHARE_AT_LEAST,
    SEEN_BY_ALL_BUT_LEAST_SENSITIVE,
)
from .stage_wording import (
    CANNOT,
    EDGE,
    FINDS,
    LEVEL_LABELS,
    MIGHT,
    NOT_MEASURED,
    STATUS_TEXT,
    cells_words,
    comparisons_for_cells,
    comparisons_for_share,
    first_sentence,
    seen_sentence,
)

# The words on the table's disclosure (shown open without script, folded beside the drawn scale).
TABLE_SUMMARY = "Every stage in one table"

NUMBER_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}


def detection(stage, methods):
    """For each method: can it find the leukaemia cells at this stage? Computed from the
    method's limit and the stage's share; for a count in the body, from what the editor chose
    (a body count cannot be compared with a share of a sample without clinical checking)."""
    least_sensitive = max((m.limit_exponent for m in methods), default=None)
    results = []
    for method in methods:
        best, worst = method.limits
        if stage.level == LEVEL_CELLS:
            if stage.seen_by == SEEN_BY_ALL_BUT_LEAST_SENSITIVE:
                # Up to thousands of millions is an upper bound: many children have far fewer,
                # so the finer tests only might find some (the MRD results that follow say which).
                status = CANNOT if method.limit_exponent == least_sensitive else MIGHT
            else:
                status = FINDS
        elif stage.level == LEVEL_SHARE and stage.share_range:
            low, high = stage.share_range
            if best > high:
                status = CANNOT  # even at its best it cannot reach the largest share
            elif worst <= low:
                status = FINDS  # even at its worst it reaches the smallest share
            else:
                status = EDGE
        elif stage.level == LEVEL_SHARE_AT_LEAST and stage.share_range:
            low, _ = stage.share_range
            # No upper bound is given: a method that cannot reach the share might see a larger one.
            status = FINDS if worst <= low else EDGE if best <= low else MIGHT
        elif stage.level == LEVEL_NOT_DETECTED and stage.share_range:
            _, limit = stage.share_range
            # A method always more sensitive than the test that found none might still find some.
            status = MIGHT if worst < limit else CANNOT
        else:
            status = NOT_MEASURED
        results.append({"method": method.name, "short_name": method.short_name, "status": status})
    for result in results:
        result["text"] = STATUS_TEXT[result["status"]]
    return results


def stage_view(stage, index, anchor, methods):
    level = stage.level
    words = ""
    comparisons = []
    if level == LEVEL_CELLS and stage.cells_range:
        low, high = stage.cells_range
        words = cells_words(stage.qualifier, low, high)
        comparisons = comparisons_for_cells(low, high)
        if stage.seen_by == SEEN_BY_ALL_BUT_LEAST_SENSITIVE:
            # An upper bound (remission): "about everyone on Earth" would read as a count of the
            # child's own cells, so only counting and dots are shown (clinical read C1).
            comparisons = [c for c in comparisons if c["label"] != "People"]
        # "up to about a million million leukaemia cells", "up to thousands of millions of leukaemia cells"
        noun = "of leukaemia cells" if low != high else "leukaemia cells"
        valuetext = f"{stage.name}: {words} {noun} in the body"
        table_text = f"In the body: {words}"
    elif level == LEVEL_SHARE and stage.share_range:
        low, high = stage.share_range
        words = numbers.share_range(low, high)
        comparisons = comparisons_for_share(low, high)
        valuetext = f"{stage.name}: {words} cells in the marrow sample"
        table_text = f"In the marrow sample: {words} cells"
    elif level == LEVEL_SHARE_AT_LEAST and stage.share_range:
        low, _ = stage.share_range
        words = f"{numbers.one_in(low)} or more"
        comparisons = comparisons_for_share(None, low)
        valuetext = f"{stage.name}: {words} cells in the marrow sample"
        table_text = f"In the marrow sample: {words} cells"
    elif level == LEVEL_NOT_DETECTED and stage.share_range:
        _, high = stage.share_range
        words = f"none found, fewer than {numbers.one_in(high)}"
        comparisons = comparisons_for_share(None, high)
        valuetext = f"{stage.name}: {words} cells in the marrow sample. Not found is not the same as zero"
        table_text = f"In the marrow sample: none found (fewer than {numbers.one_in(high)}). Not the same as zero"
    else:
        # No count here: the stage's own first sentence says what is happening (never "no
        # number", which a parent can read as "no leukaemia cells").
        words = first_sentence(stage.summary) or "The cells are not counted at this stage."
        valuetext = f"{stage.name}: {words}"
        table_text = words
    found = detection(stage, methods)
    return {
        "index": index,
        "number": index + 1,
        "anchor": anchor,
        "name": stage.name,
        "branch": stage.branch,
        "summary": stage.summary,
        # A stage with no count leads with its summary's first sentence; the card then shows the rest.
        "summary_rest": " ".join(stage.summary.split())[len(words) :].strip() if level == LEVEL_NONE else stage.summary,
        "note": stage.note,
        "level": level,
        "level_label": LEVEL_LABELS[level],
        "words": words,
        "table_text": table_text,
        "comparisons": comparisons,
        "detection": found,
        "seen_sentence": seen_sentence(found) if level != LEVEL_NONE else "",
        "valuetext": valuetext,
        "cells": list(stage.cells_range) if stage.cells_range else None,
        "share": list(stage.share_range) if stage.share_range else None,
    }


def number_steps(stages):
    """Steps through treatment: stages next to each other on the same branch are one step, as
    alternatives (3a, 3b, 3c), so the journey reads as a path with branches, not one line."""
    groups = []
    for stage in stages:
        if stage["branch"] and groups and groups[-1][0]["branch"] == stage["branch"]:
            groups[-1].append(stage)
        else:
            groups.append([stage])
    steps = len(groups)
    for step, group in enumerate(groups, start=1):
        for letter, stage in zip("abcdefghij", group, strict=False):
            alternatives = len(group) > 1
            stage["step"] = step
            stage["label"] = f"{step}{letter}" if alternatives else str(step)
            stage["position"] = f"Stage {step} of {steps}"
            stage["alternatives"] = len(group) if alternatives else 0
            stage["branch_sentence"] = (
                f"This is one of {NUMBER_WORDS.get(len(group), len(group))} possible results at this point. "
                "Children have each of them; none is the usual one."
                if alternatives
                else ""
            )
            if alternatives:
                stage["valuetext"] = (
                    f"{stage['valuetext']}. One of {NUMBER_WORDS.get(len(group), len(group))} possible results"
                )
    return groups


def scales(explainer, stage_views):
    """The exponents the picture's one tall scale runs over: cells in the body (only as far as
    the counts go, plus one step) above, the share of the sample (down to the most sensitive
    test) below. Every step is labelled in words first."""
    cells = [e for s in stage_views if s["cells"] for e in s["cells"]]
    shares = [e for s in stage_views if s["share"] for e in s["share"] if e is not None]
    shares += [e for m in explainer.ordered_methods for e in m.limits]
    body = None
    if cells:
        top, bottom = max(cells), max(min(cells) - 1, 0)
        body = [
            {"exponent": e, "label": numbers.power_words(e), "power": numbers.superscript_power(e)}
            for e in range(top, bottom - 1, -1)
        ]
    sample = None
    if shares:
        # Down to the most sensitive test's floor: a step further would show a share no fact gives.
        top, bottom = min(max(shares) + 1, -1), min(shares)
        sample = [{"exponent": e, "label": numbers.one_in(e), "power": ""} for e in range(top, bottom - 1, -1)]
    return body, sample


def step_sentence(body, sample):
    """The sentence under the picture, in words, e.g. "a million million is 10 times as many as
    a hundred thousand million"."""
    examples = []
    if body and len(body) > 1:
        examples.append(f"{body[0]['label']} is 10 times as many as {body[1]['label']}")
    if sample and len(sample) > 2:
        examples.append(f"{sample[1]['label']} is 10 times as many as {sample[2]['label']}")
    return "Each step on the scale is 10 times fewer" + (": " + ", and ".join(examples) if examples else "") + "."


def explainer_view(explainer, element_id, heading="", start_stage=""):
    methods = explainer.ordered_methods
    anchors = explainer.stage_anchors()
    stages = [
        stage_view(stage, index, f"{element_id}-{anchor}", methods)
        for index, (stage, anchor) in enumerate(zip(explainer.ordered_stages, anchors, strict=True))
    ]
    groups = number_steps(stages)
    start = anchors.index(start_stage) if start_stage in anchors else 0
    for stage in stages:
        stage["current"] = stage["index"] == start
    body, sample = scales(explainer, stages)
    method_views = [
        {"name": m.name, "short_name": m.short_name, "limit_text": m.limit_text, "note": m.note, "limits": m.limits}
        for m in methods
    ]
    data = {
        "id": element_id,
        "start": start,
        "stages": [
            {
                "anchor": s["anchor"],
                "name": s["name"],
                "label": s["label"],
                "level": s["level"],
                "valuetext": s["valuetext"],
                "announcement": f"{s['valuetext']}. {s['seen_sentence']}".strip(),
                "cells": s["cells"],
                "share": s["share"],
            }
            for s in stages
        ],
        "methods": [
            {"shortName": m["short_name"], "best": m["limits"][0], "worst": m["limits"][1]} for m in method_views
        ],
        "body": body,
        "sample": sample,
    }
    return {
        "id": element_id,
        "title": heading or explainer.title,
        "intro": explainer.intro,
        "sources": explainer.sources,
        "stages": stages,
        "groups": groups,
        "start": stages[start] if stages else None,
        "methods": method_views,
        "data": data,
        "data_id": f"{element_id}-data",
        "step_sentence": step_sentence(body, sample),
        # The table's disclosure: open in the HTML (the story without script), closed by the script
        # once the scale is drawn, since the picture and the stage cards then tell the same story.
        "table_summary": TABLE_SUMMARY,
    }
