"""content/people.yaml → Person snippets, before the pages (a people page lists them by role).

    - role: Parent ambassador        # required, and how pages refer to the person
      name: ""                       # optional: only a real person's name with their consent
      photo: ambassador-parent       # optional: a short name from images.yaml
      bio: >-
        A few plain sentences.

A person changed in Wagtail since it was loaded is left alone (unless --overwrite-edits)."""

from functools import partial

from mrdinfo.core.content.errors import ContentError, full_clean_at
from mrdinfo.core.content.records import Outcome, sync_record
from mrdinfo.core.content.yaml_lines import LineDict, LineList

from .models import Person

PEOPLE_FILE = "people.yaml"
KEYS = {"role", "name", "photo", "bio"}


def load_people(loader):
    if not loader.has_file(PEOPLE_FILE):
        return
    data, display = loader.read(PEOPLE_FILE)
    if not isinstance(data, LineList):
        raise ContentError(display, 1, "people.yaml should be a list of people (`- role: ...`)")
    existing = {person.role: person for person in Person.objects.all()}
    for index, item in enumerate(data):
        line = data.line_of(index)
        if not isinstance(item, LineDict):
            raise ContentError(display, line, "each person is a mapping with role, bio and optional name and photo")
        unknown = sorted(set(item) - KEYS)
        if unknown:
            raise ContentError(
                display, item.line_of(unknown[0]), f"unknown key {unknown[0]!r}; use {', '.join(sorted(KEYS))}"
            )
        for key in ("role", "bio"):
            if not str(item.get(key) or "").strip():
                raise ContentError(display, line, f"this person needs a {key}")
        role = " ".join(str(item["role"]).split())
        values = {
            "name": " ".join(str(item.get("name") or "").split()),
            "bio": " ".join(str(item["bio"]).split()),
            "photo": loader.resolve.image(item.get("photo"), display, item.line_of("photo")),
        }
        sync_record(
            loader,
            Person,
            key={"role": role},
            values=values,
            found=existing.get(role),
            label=f"person {role!r}",
            validate=partial(full_clean_at, display=display, line=line),
            notes={Outcome.LEFT_ALONE: "left alone, an editor changed it in Wagtail"},
        )
