"""Model field values from content files: text, rich text (Markdown), dates and aware datetimes
(Europe/London, see dates.py), references (resolved by references.Resolver), StreamFields
(streams.py), and child objects (inline panels: menu items, form fields, related pages), each
checked by the model's own rules and reported at its file line."""

from datetime import date
from typing import Any

from modelcluster.fields import ParentalKey

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models

from wagtail.fields import RichTextField, StreamField

from .dates import content_date, content_datetime
from .errors import ContentError
from .references import Resolver
from .rich_text import RichTextError, markdown_to_rich_text
from .streams import StreamReader
from .yaml_lines import LineDict, LineList


class ValueReader:
    def __init__(self, resolver: Resolver, today: date) -> None:
        self.resolver = resolver
        self.today = today  # relative dates (`+21 days 10:00`) count from this day
        self.streams = StreamReader(resolver, today)

    def field_value(
        self, model_field: models.Field, value: Any, display: str, line: int, key: str, id_seed: str = ""
    ) -> Any:
        """The value to set on model_field for a file's value. id_seed keeps StreamField block ids
        stable from one load to the next (the page's URL for pages)."""
        try:
            if isinstance(model_field, StreamField):
                return self.streams.stream_value(model_field.stream_block, value, display, line, f"{id_seed}|{key}")
            if isinstance(model_field, RichTextField):
                return markdown_to_rich_text(value, self.resolver.page)
            if isinstance(model_field, models.ForeignKey):
                return self.resolver.object(model_field.related_model, value, display, line)
            if isinstance(model_field, models.DateTimeField):  # before DateField: it is one
                return content_datetime(value, self.today) if value not in (None, "") else None
            if isinstance(model_field, models.DateField):
                return content_date(value, self.today) if value not in (None, "") else None
            if isinstance(model_field, (models.CharField, models.TextField)):
                if value is None:
                    return ""
                if isinstance(value, (dict, list)):
                    raise ContentError(display, line, f"{key} should be text")
                return str(value).strip() if isinstance(model_field, models.CharField) else str(value).rstrip("\n")
            return value
        except RichTextError as error:
            raise ContentError(display, line, f"{key}: {error}") from None
        except ValueError as error:
            raise ContentError(display, line, f"{key}: {error}") from None

    def child_objects(self, child_model: type[Any], items: Any, display: str, line: int, key: str) -> list[Any]:
        """Unsaved child_model objects, one per mapping in items, in order, each validated."""
        if not isinstance(items, list):
            raise ContentError(display, line, f"{key} should be a list")
        objects: list[Any] = []
        for index, item in enumerate(items):
            item_line = items.line_of(index) if isinstance(items, LineList) else line
            if not isinstance(item, LineDict):
                raise ContentError(display, item_line, f"each item of {key} should be a mapping of field: value")
            fields: dict[str, Any] = {}
            for name, value in item.items():
                try:
                    model_field = child_model._meta.get_field(name)
                except FieldDoesNotExist:
                    raise ContentError(display, item.line_of(name), f"{key} items have no field {name!r}") from None
                fields[name] = self.field_value(model_field, value, display, item.line_of(name), name)
            obj = child_model(**fields)
            obj.content_field_names = list(fields)  # what comparing.children_match compares
            if hasattr(obj, "sort_order"):
                obj.sort_order = index
            validate_child(obj, item, display, item_line)
            objects.append(obj)
        return objects


def validate_child(obj: Any, item: LineDict, display: str, line: int) -> None:
    """The model's own checks (field rules and clean()), reported at the line of the field."""
    parent_keys = [f.name for f in obj._meta.fields if isinstance(f, ParentalKey)]
    try:
        obj.full_clean(exclude=parent_keys, validate_unique=False)
    except ValidationError as error:
        errors = getattr(error, "error_dict", {})
        name = next((key for key in errors if key in item), None)
        if name is None:
            raise ContentError(display, line, "; ".join(error.messages)) from None
        messages = "; ".join(m for e in errors[name] for m in e.messages)
        raise ContentError(display, item.line_of(name), f"{name}: {messages}") from None
