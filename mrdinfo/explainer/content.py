"""Load content/explainers.yaml: the explainers' stages and detection methods, the numbers
clinical reviewers check. Runs before pages (registered in apps.py), so a page body can place
an explainer by name:

    - explainer:
        explainer: Cells in the body

Like every content file: loading twice changes nothing (no save, no new revision), an explainer
an editor has changed in Wagtail is left alone (unless --overwrite-edits), and a mistake is
reported as file:line, changing nothing."""

from django.core.exceptions import ValidationError

from mrdinfo.core.content.errors import ContentError
from mrdinfo.core.content.loader import children_match
from mrdinfo.core.content.yaml_lines import LineDict, LineList

from .models import DetectionMethod, Explainer, ExplainerStage

FILE_NAME = "explainers.yaml"
EXPLAINER_FIELDS = ["name", "slug", "title", "intro", "sources"]
STAGE_FIELDS = [
    "name",
    "link_name",
    "summary",
    "level",
    "qualifier",
    "cells_exponent_high",
    "cells_exponent_low",
    "seen_by",
    "share_exponent_high",
    "share_exponent_low",
    "note",
]
METHOD_FIELDS = ["name", "short_name", "limit_exponent", "best_limit_exponent", "note"]


def load_explainers(loader):
    path = loader.content_dir / FILE_NAME
    if not path.exists():
        return
    data, display = loader.read(FILE_NAME)
    if not isinstance(data, LineDict) or set(data) != {"explainers"} or not isinstance(data["explainers"], LineList):
        raise ContentError(display, getattr(data, "line", 1) or 1, "explainers.yaml should hold `explainers:`, a list")
    names = set()
    for index, item in enumerate(data["explainers"]):
        line = data["explainers"].line_of(index)
        if not isinstance(item, LineDict):
            raise ContentError(display, line, "each explainer should be a mapping of field: value")
        if item.get("name") in names:
            raise ContentError(display, item.line_of("name"), f"there are two explainers called {item['name']!r}")
        names.add(item.get("name"))
        load_one(loader, item, display, line)


def load_one(loader, item, display, line):
    allowed = set(EXPLAINER_FIELDS) | {"stages", "methods"}
    for key in item:
        if key not in allowed:
            raise ContentError(
                display,
                item.line_of(key),
                f"explainers have no field {key!r}; they have: " + ", ".join(sorted(allowed)),
            )
    for key in ("name", "slug", "title", "stages", "methods"):
        if key not in item:
            raise ContentError(display, line, f"this explainer needs {key!r}")
    values = {
        key: loader.field_value(Explainer._meta.get_field(key), item.get(key), display, item.line_of(key), key)
        for key in EXPLAINER_FIELDS
    }
    stages = children(loader, ExplainerStage, STAGE_FIELDS, item["stages"], display, item.line_of("stages"), "stages")
    methods = children(
        loader, DetectionMethod, METHOD_FIELDS, item["methods"], display, item.line_of("methods"), "methods"
    )

    explainer = Explainer.objects.filter(name=values["name"]).first()
    if explainer is not None:
        if explainer.live and is_unchanged(explainer, values, stages, methods):
            return
        if edited_in_wagtail(explainer) and not loader.overwrite_edits:
            loader.report.other.append(
                f"explainer {explainer.name}: left alone, an editor changed it in Wagtail (use --overwrite-edits)"
            )
            return
    created = explainer is None
    explainer = explainer or Explainer()
    for key, value in values.items():
        setattr(explainer, key, value)
    explainer.stages = stages
    explainer.methods = methods
    try:
        explainer.full_clean()
    except ValidationError as error:
        key = next(iter(getattr(error, "error_dict", {})), None)
        raise ContentError(display, item.line_of(key) if key in item else line, "; ".join(error.messages)) from None
    if created:
        explainer.live = False
        explainer.save()
    explainer.save_revision(log_action=True).publish()
    loader.report.other.append(f"explainer {explainer.name}: {'created' if created else 'updated'}")


def children(loader, model, field_names, items, display, line, key):
    if not isinstance(items, LineList) or not items:
        raise ContentError(display, line, f"{key} should be a list with at least one item")
    objects = []
    for index, item in enumerate(items):
        item_line = items.line_of(index)
        if not isinstance(item, LineDict):
            raise ContentError(display, item_line, f"each item of {key} should be a mapping of field: value")
        unknown = [name for name in item if name not in field_names]
        if unknown:
            raise ContentError(
                display,
                item.line_of(unknown[0]),
                f"{key} have no field {unknown[0]!r}; they have: " + ", ".join(field_names),
            )
        fields = {
            name: loader.field_value(model._meta.get_field(name), value, display, item.line_of(name), name)
            for name, value in item.items()
        }
        obj = model(sort_order=index, **fields)
        obj.content_field_names = list(fields)
        try:
            obj.full_clean(exclude=["explainer"])
        except ValidationError as error:
            errors = getattr(error, "error_dict", {})
            name = next(iter(errors), None)
            messages = "; ".join(m for e in errors.get(name, []) for m in e.messages) or "; ".join(error.messages)
            raise ContentError(
                display, item.line_of(name) if name in item else item_line, f"{name}: {messages}" if name else messages
            ) from None
        objects.append(obj)
    return objects


def is_unchanged(explainer, values, stages, methods):
    if any(getattr(explainer, key) != value for key, value in values.items()):
        return False
    return children_match(explainer.stages.all(), stages) and children_match(explainer.methods.all(), methods)


def edited_in_wagtail(explainer):
    """The latest revision was saved by a person in Wagtail, not by this loader: their work wins."""
    latest = explainer.latest_revision
    return latest is not None and latest.user_id is not None
