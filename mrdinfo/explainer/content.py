"""Load content/explainers.yaml: the explainers' stages and detection methods, the numbers
clinical reviewers check. Runs before pages (registered in apps.py), so a page body can place
an explainer by name:

    - explainer:
        explainer: Cells in the body

Like every content file: loading twice changes nothing (no save, no new revision), an explainer
an editor has changed in Wagtail is left alone (unless --overwrite-edits), and a mistake is
reported as file:line, changing nothing."""

from django.core.exceptions import ValidationError

from mrdinfo.core.content.comparing import children_match, edited_in_wagtail
from mrdinfo.core.content.errors import ContentError
from mrdinfo.core.content.yaml_lines import LineDict, LineList

from .models import Explainer

FILE_NAME = "explainers.yaml"
EXPLAINER_FIELDS = ["name", "slug", "title", "intro", "sources"]


def load_explainers(loader):
    if not loader.has_file(FILE_NAME):
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
    stages = children(loader, "stages", item["stages"], display, item.line_of("stages"))
    methods = children(loader, "methods", item["methods"], display, item.line_of("methods"))

    explainer = Explainer.objects.filter(name=values["name"]).first()
    if explainer is not None:
        if explainer.live and is_unchanged(explainer, values, stages, methods):
            return
        if edited_in_wagtail(explainer) and not loader.overwrite_edits:
            loader.note(
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
    loader.note(f"explainer {explainer.name}: {'created' if created else 'updated'}")


def children(loader, relation_name, items, display, line):
    if not isinstance(items, LineList) or not items:
        raise ContentError(display, line, f"{relation_name} should be a list with at least one item")
    child_model = Explainer._meta.get_field(relation_name).related_model
    return loader.read_children(child_model, items, display, line, relation_name)


def is_unchanged(explainer, values, stages, methods):
    if any(getattr(explainer, key) != value for key, value in values.items()):
        return False
    return children_match(explainer.stages.all(), stages) and children_match(explainer.methods.all(), methods)
