"""The content folder: reading its YAML files with their lines, and naming them in messages.

Every mistake a content file can hold is reported as `path:line: message` (ContentError), with
the path relative to the folder above content/, as an editor sees it in the repository."""

from pathlib import Path
from typing import Any

import yaml

from .errors import ContentError
from .yaml_lines import load_yaml


def read_yaml(path: str | Path, display: str) -> Any:
    """The YAML at path as LineDict / LineList, or a ContentError naming display and the line."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ContentError(display, 1, f"the file is not UTF-8 text ({error})") from None
    try:
        data = load_yaml(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise ContentError(
            display, (mark.line + 1) if mark else 1, f"this is not valid YAML: {error.problem}"
        ) from None
    return data


class ContentFiles:
    """One content folder (content/ in the repository, or a test's copy)."""

    def __init__(self, content_dir: str | Path) -> None:
        self.root = Path(content_dir)

    def display(self, path: str | Path) -> str:
        """How messages name a file: relative to the folder above content/ (`content/pages/x.yaml`)."""
        return str(Path(path).relative_to(self.root.parent)) if self.root.parent else str(path)

    def path(self, relative: str) -> Path:
        return self.root / relative

    def exists(self, relative: str) -> bool:
        return self.path(relative).exists()

    def read(self, relative: str) -> tuple[Any, str]:
        """(data, display name) of the YAML file content/<relative>."""
        path = self.path(relative)
        display = self.display(path)
        return read_yaml(path, display), display
