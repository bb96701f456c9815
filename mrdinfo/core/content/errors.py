from typing import Any

from django.core.exceptions import ValidationError


class ContentError(Exception):
    """A mistake in a content file, reported as path:line: message."""

    def __init__(self, path: str, line: int, message: str) -> None:
        self.path, self.line, self.message = path, line, message
        super().__init__(f"{path}:{line}: {message}")


def full_clean_at(obj: Any, display: str, line: int, item: Any = None) -> None:
    """The model's own checks (full_clean). A failure is a ContentError at the line of the first
    failing field the file's `item` names (a LineDict), otherwise at `line`."""
    try:
        obj.full_clean()
    except ValidationError as error:
        key = next((k for k in getattr(error, "error_dict", {}) if item is not None and k in item), None)
        raise ContentError(display, item.line_of(key) if key else line, "; ".join(error.messages)) from None
