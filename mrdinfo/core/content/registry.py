"""Domain apps add their own content files to `load_content` here, from their AppConfig.ready(),
so core never imports them. A loader is called with the ContentLoader, inside its transaction, and
uses only the interface its docstring describes (reading files, resolving references, reading
values and child objects, noting what it did)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .loader import ContentLoader

AppLoader = Callable[["ContentLoader"], Any]

_LOADERS: dict[str, list[AppLoader]] = {"before_pages": [], "after_pages": []}


def register(stage: str, loader: AppLoader) -> None:
    if stage not in _LOADERS:
        raise ValueError(f"stage must be one of {sorted(_LOADERS)}")
    if loader not in _LOADERS[stage]:
        _LOADERS[stage].append(loader)


def loaders(stage: str) -> list[AppLoader]:
    return list(_LOADERS[stage])
