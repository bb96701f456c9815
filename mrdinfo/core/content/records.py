"""One record an app's file describes (a card, a person, a glossary term, an explainer, an event
type): the loop every app loader runs for each item of its file, in one place.

    sync_record(loader, Person, key={"role": role}, values={"bio": bio, "photo": image, ...},
                label=f"person {role!r}", validate=partial(check, display=display, line=line))

finds the saved record by its key (or makes a new one with it), compares the file's values and
child rows with the saved ones (comparing.same_value, comparing.children_match), leaves alone a
record an editor changed in Wagtail (unless --overwrite-edits), saves only when something differs,
and notes what happened as "<label>: added" (or updated, or left alone…). It returns what it did,
so a loader that counts instead (the glossary) passes label=None and notes once itself.

How a record says an editor changed it, and how it is saved, follows from what it is:

- one that remembers what the loader last wrote (a LoadedRecord: `edited_since_loaded()` and
  `mark_loaded()`, e.g. a digest of its content values) is edited when they differ, and is marked
  as loaded before each save;
- one with revisions (Wagtail's RevisionMixin) is edited when a person made its latest revision
  (comparing.edited_in_wagtail); with drafts too (DraftStateMixin), it is unchanged only while
  live, a new one is first saved as a draft, and each change is published as a new revision;
- anything else is never an editor's (an editor's change is simply replaced) and is saved as is."""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar, runtime_checkable

from django.db import models

from wagtail.models import DraftStateMixin, RevisionMixin

from .comparing import children_match, edited_in_wagtail, same_value

if TYPE_CHECKING:
    from .loader import ContentLoader

__all__ = ["LEFT_ALONE_NOTE", "NOTES", "LoadedRecord", "Outcome", "Synced", "child_rows", "sync_record"]

M = TypeVar("M", bound=models.Model)


class Outcome(enum.Enum):
    """What sync_record did with a record."""

    ADDED = "added"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    LEFT_ALONE = "left alone"


LEFT_ALONE_NOTE = "left alone, an editor changed it in Wagtail (use --overwrite-edits)"
# The words after "<label>: " for each outcome; an outcome with no words is not noted.
NOTES: Mapping[Outcome, str] = {
    Outcome.ADDED: "added",
    Outcome.UPDATED: "updated",
    Outcome.LEFT_ALONE: LEFT_ALONE_NOTE,
}


@runtime_checkable
class LoadedRecord(Protocol):
    """A record that remembers what the loader last wrote, so an editor's later change shows."""

    def edited_since_loaded(self) -> bool: ...

    def mark_loaded(self) -> None: ...


@dataclass(frozen=True)
class Synced(Generic[M]):
    """What sync_record did, and the record as it now is (the saved one, untouched, when it was
    unchanged or left alone)."""

    outcome: Outcome
    record: M


class _ByKey(enum.Enum):
    LOOK_UP = "look up"


BY_KEY = _ByKey.LOOK_UP


def sync_record(
    loader: ContentLoader,
    model: type[M],
    *,
    key: Mapping[str, Any],
    values: Mapping[str, Any],
    label: str | None,
    validate: Callable[[M], None],
    children: Mapping[str, Sequence[models.Model]] | None = None,
    found: M | None | _ByKey = BY_KEY,
    notes: Mapping[Outcome, str] | None = None,
) -> Synced[M]:
    """Make the record `key` names say what its file says.

    - key: the fields that find it again (and that a new one is made with), e.g. {"slug": "run"}.
    - values: the file's value for each other field it sets (model instances for foreign keys).
    - children: unsaved child rows for each relation it sets (ContentLoader.read_children, or
      child_rows), compared in order with the saved ones and put in their place when saving.
    - found: the saved record with this key, or None, when the caller already holds them all;
      otherwise it is looked up by key.
    - validate: the model's checks with the caller's file:line errors (raise ContentError); run
      after the values are set, before saving.
    - label: how notes name the record ("card 'Donate'"); None notes nothing.
    - notes: words for outcomes that differ from NOTES (e.g. {Outcome.ADDED: "created"}).
    """
    saved = model._default_manager.filter(**key).first() if found is BY_KEY else found
    children = children or {}
    if saved is not None:
        if says_already(saved, values, children):
            return _noted(loader, label, notes, Synced(Outcome.UNCHANGED, saved))
        if edited_by_editor(saved) and not loader.overwrite_edits:
            return _noted(loader, label, notes, Synced(Outcome.LEFT_ALONE, saved))
    record = saved if saved is not None else model(**key)
    for name, value in values.items():
        setattr(record, name, value)
    for relation, rows in children.items():
        setattr(record, relation, rows)
    validate(record)
    save_record(record, new=saved is None)
    return _noted(loader, label, notes, Synced(Outcome.ADDED if saved is None else Outcome.UPDATED, record))


def says_already(
    record: models.Model, values: Mapping[str, Any], children: Mapping[str, Sequence[models.Model]]
) -> bool:
    """Does the saved record hold these values and child rows (and, with drafts, is it live)?"""
    if isinstance(record, DraftStateMixin) and not record.live:
        return False
    for name, value in values.items():
        model_field: Any = record._meta.get_field(name)  # a concrete field: files set only those
        if not same_value(model_field, record, value):
            return False
    return all(children_match(getattr(record, relation).all(), rows) for relation, rows in children.items())


def edited_by_editor(record: models.Model) -> bool:
    """Did a person change the saved record in Wagtail since the loader wrote it?"""
    if isinstance(record, LoadedRecord):
        return record.edited_since_loaded()
    if isinstance(record, RevisionMixin):
        return edited_in_wagtail(record)
    return False


def save_record(record: models.Model, new: bool) -> None:
    """Save a record the loader changed, as what it is (see the module's docstring)."""
    if isinstance(record, LoadedRecord):
        record.mark_loaded()
    if isinstance(record, DraftStateMixin) and isinstance(record, RevisionMixin):
        if new:
            record.live = False
            record.save()
        record.save_revision(log_action=True).publish()
    else:
        record.save()


def child_rows(model: type[M], rows: Sequence[Mapping[str, Any]]) -> list[M]:
    """Unsaved child rows made in code rather than read from a file, as ContentLoader.read_children
    makes them: in order (sort_order), each compared by children_match in the fields it was given."""
    objects = []
    for index, fields in enumerate(rows):
        row: Any = model(**fields)
        row.content_field_names = list(fields)
        if hasattr(row, "sort_order"):
            row.sort_order = index
        objects.append(row)
    return objects


def _noted(
    loader: ContentLoader, label: str | None, notes: Mapping[Outcome, str] | None, result: Synced[M]
) -> Synced[M]:
    words = {**NOTES, **(notes or {})}.get(result.outcome)
    if label is not None and words:
        loader.note(f"{label}: {words}")
    return result
