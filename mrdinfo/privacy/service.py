"""Find, export, erase and prune personal data through the register (core/records/personal_data.py).
Used by the data-protection screen (views.py) and the management commands."""

import json
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from wagtail.search import index

from mrdinfo.core.records.personal_data import PersonalData, entries

from .models import DataProtectionAction

logger = logging.getLogger(__name__)


@dataclass
class Found:
    entry: PersonalData
    records: list[Any]

    @property
    def fields(self) -> list[tuple[str, list[str]]]:
        """Each model's personal-data fields, as the register lists them, in the words of the models."""
        return described_fields(self.entry)


def described_fields(entry: PersonalData) -> list[tuple[str, list[str]]]:
    described = []
    for label, names in entry.fields.items():
        meta = apps.get_model(label)._meta
        described.append((str(meta.verbose_name), [str(meta.get_field(name).verbose_name) for name in names]))
    return described


def normalise_email(email: str) -> str:
    email = (email or "").strip().lower()
    if "@" not in email or len(email) > 254 or any(char.isspace() for char in email):
        raise ValueError("Enter the person's email address, as they gave it.")
    return email


def lookup(email: str) -> list[Found]:
    """Every registered kind of record the site can search by email, with what it holds about them."""
    email = normalise_email(email)
    return [Found(entry, entry.find(email)) for entry in entries() if entry.find is not None]


def _actor(user: Any) -> dict[str, Any]:
    if user is not None and getattr(user, "is_authenticated", False):
        return {"done_by": user, "done_by_name": user.get_username()}
    return {"done_by": None, "done_by_name": ""}


def erase(email: str, user: Any = None, via: str = "command") -> DataProtectionAction:
    """Erase or minimise everything about `email`, as each entry of the register says, in one
    transaction; then bring the search index in line. Records counts, never the person."""
    found = lookup(email)
    counts: dict[str, int] = {}
    with transaction.atomic():
        for item in found:
            if item.records and item.entry.erase is not None:
                counts[item.entry.key] = item.entry.erase(item.records)
        action = DataProtectionAction.objects.create(
            action=DataProtectionAction.ERASED, via=via, counts=counts, **_actor(user)
        )
    for item in found:
        for record in item.records:
            _update_search_index(record)
    logger.info("Erased personal data (%s): %s", via, counts or "nothing found")
    return action


def _update_search_index(record: Any) -> None:
    """An indexed record that was deleted leaves the index; one that was minimised is indexed
    again as it now is, so its old words cannot be found."""
    if not isinstance(record, index.Indexed):
        return
    current = type(record)._default_manager.filter(pk=record.pk).first()
    if current is None:
        index.remove_object(record)
    else:
        index.insert_or_update_object(current)


def export(email: str, user: Any = None, via: str = "command") -> bytes:
    """Everything held about `email`, as a JSON file (a subject access request)."""
    email = normalise_email(email)
    found = lookup(email)
    data = {
        "email": email,
        "exported_at": timezone.now().isoformat(),
        "records": {
            item.entry.key: {
                "what": item.entry.what,
                "why": item.entry.lawful_basis,
                "kept_for": item.entry.retention,
                "items": [item.entry.export_record(record) for record in item.records],
            }
            for item in found
            if item.records
        },
    }
    DataProtectionAction.objects.create(
        action=DataProtectionAction.EXPORTED,
        via=via,
        counts={item.entry.key: len(item.records) for item in found if item.records},
        **_actor(user),
    )
    return json.dumps(data, indent=2, ensure_ascii=False).encode()


def prune(now: datetime | None = None) -> dict[str, int]:
    """Erase or anonymise every record past its retention period; {key: how many}. Running it
    again at once finds nothing more to do."""
    now = now or timezone.now()
    counts: dict[str, int] = {}
    for entry in entries():
        if entry.prune is None or entry.period is None:
            continue
        with transaction.atomic():
            counts[entry.key] = entry.prune(entry.period.cutoff(now))
        logger.info("Pruned %s: %s past %s", entry.key, counts[entry.key], entry.period.words)
    return counts
