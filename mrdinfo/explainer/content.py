"""Load content/explainers.yaml: the explainers' stages and detection methods, the numbers
clinical reviewers check. Runs before pages (registered in apps.py), so a page body can place
an explainer by name:

    - explainer:
        explainer: Cells in the body

Like every content file: loading twice changes nothing (no save, no new revision), an explainer
an editor has changed in Wagtail is left alone (unless --overwrite-edits), and a mistake is
reported as file:line, changing nothing."""

from functools import partial

from django.core.exceptions import ValidationError

from mrdinfo.core.content.errors import ContentError
from mrdinfo.core.content.records import Outcome, sync_record
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

    sync_record(
        loader,
        Explainer,
        key={"name": values["name"]},
        values=values,
        children={"stages": stages, "methods": methods},
        label=f"explainer {values['name']}",
        validate=partial(check, item=item, display=display, line=line),
        notes={Outcome.ADDED: "created"},
    )


def check(explainer, item, display, line):
    try:
        explainer.full_clean()
    except ValidationError as error:
        key = next(iter(getattr(error, "error_dict", {})), None)
        raise ContentError(display, item.line_of(key) if key in item else line, "; ".join(error.messages)) from None


def children(loader, relation_name, items, display, line):
    if not isinstance(items, LineList) or not items:
        raise ContentError(display, line, f"{relation_name} should be a list with at least one item")
    child_model = Explainer._meta.get_field(relation_name).related_model
    return loader.read_children(child_model, items, display, line, relation_name)
