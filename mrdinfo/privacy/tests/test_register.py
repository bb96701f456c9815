"""The register names real models and fields: each "app_label.Model" is an installed model (the
background tasks' app label is django_tasks_database, not the package name) and each of its
personal-data fields exists, so the screen, export and erasure all read what is really stored."""

from django.apps import apps

from mrdinfo.core.records.personal_data import entries, entry
from mrdinfo.privacy.service import described_fields


def test_every_registered_model_and_field_exists():
    for item in entries():
        for label, names in item.fields.items():
            model = apps.get_model(label)  # LookupError for a wrong label
            for name in names:
                model._meta.get_field(name)  # FieldDoesNotExist for a wrong field
            assert names, f"{item.key}: {label} lists no fields"
    assert "django_tasks_database.DBTaskResult" in entry("background-tasks").models
    assert "sessions.Session" in entry("sessions").models


def test_fields_are_described_in_the_models_own_words():
    described = dict(described_fields(entry("gift-aid")))
    assert described["Gift Aid declaration"] == [
        "title", "first name", "last name", "house name or number", "address", "postcode",
    ]  # fmt: skip
