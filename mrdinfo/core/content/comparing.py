"""Does the site already say what a file says? Loading twice must change nothing (no save, no
new revision), and an editor's work in Wagtail wins over the file. App loaders use these too."""

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import models

from wagtail.fields import StreamField


def edited_in_wagtail(obj: Any) -> bool:
    """True when a person (not the loader) made the latest revision of a page or snippet:
    their work wins over the file."""
    latest = obj.latest_revision
    return latest is not None and latest.user_id is not None


def same_value(model_field: models.Field, obj: Any, new: Any) -> bool:
    """Does obj already hold the value a file gives for this field?"""
    if isinstance(model_field, StreamField):
        return model_field.stream_block.get_prep_value(getattr(obj, model_field.name)) == new
    if isinstance(model_field, models.ForeignKey):
        # By id: a GeneralPage and the same row loaded as a plain Page are not == in Django.
        return getattr(obj, model_field.attname) == (new.pk if new is not None else None)
    return getattr(obj, model_field.name) == new


def child_signature(obj: Any, names: Iterable[str]) -> list[tuple[str, Any]]:
    """What a child object (menu item, related page, form field) says, in the fields a file sets."""
    values: list[tuple[str, Any]] = []
    for name in names:
        model_field = obj._meta.get_field(name)
        values.append((name, getattr(obj, model_field.attname)))
    return values


def children_match(current: Iterable[models.Model], new: Sequence[models.Model]) -> bool:
    """Do the saved child objects say what the file's objects say (same order, same values)?
    `new` comes from ContentLoader.read_children, which records the fields each file item set."""
    names = sorted({name for obj in new for name in getattr(obj, "content_field_names", ())})
    current = list(current)
    return len(current) == len(new) and all(
        child_signature(a, names) == child_signature(b, names) for a, b in zip(current, new, strict=True)
    )
