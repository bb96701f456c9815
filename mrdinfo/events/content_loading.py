"""content/event-categories.yaml: the event types and regions visitors filter by. Loaded before
the pages, so event files can name them. Matched by slug; a changed name is updated."""

from functools import partial

from django.utils.text import slugify

from mrdinfo.core.content.errors import ContentError, full_clean_at
from mrdinfo.core.content.records import Outcome, sync_record
from mrdinfo.core.content.yaml_lines import LineDict, LineList

FILE = "event-categories.yaml"


def load_event_categories(loader):
    from .models import EventRegion, EventType

    if not loader.has_file(FILE):
        return
    data, display = loader.read(FILE)
    if not isinstance(data, LineDict):
        raise ContentError(display, 1, f"{FILE} should have two lists: types and regions")
    unknown = set(data) - {"types", "regions"}
    if unknown:
        key = sorted(unknown)[0]
        raise ContentError(display, data.line_of(key), f"unknown section {key!r}; this file has types and regions")
    for key, model in (("types", EventType), ("regions", EventRegion)):
        items = data.get(key) or []
        if not isinstance(items, LineList):
            raise ContentError(display, data.line_of(key), f"{key} should be a list")
        for index, item in enumerate(items):
            line = items.line_of(index)
            if isinstance(item, str):
                item = LineDict(name=item)
            if not isinstance(item, LineDict) or not str(item.get("name") or "").strip():
                raise ContentError(display, line, "each item needs a name (and may have a slug)")
            extra = set(item) - {"name", "slug"}
            if extra:
                raise ContentError(display, line, f"unknown key {sorted(extra)[0]!r}; items have name and slug")
            name = str(item["name"]).strip()
            sync_record(
                loader,
                model,
                key={"slug": str(item.get("slug") or slugify(name))},
                values={"name": name},
                label=f"event {model._meta.verbose_name.split()[-1]} {name}",
                validate=partial(full_clean_at, display=display, line=line),
                notes={Outcome.ADDED: "saved", Outcome.UPDATED: "saved"},
            )
