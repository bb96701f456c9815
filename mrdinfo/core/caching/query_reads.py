"""Which query parameters a render reads: the page cache keys a page on those alone.

While the page cache renders a page it replaces `request.GET` with a RecordingQueryDict, which
notes each parameter name the page looks up (`get`, `getlist`, `[...]`, `in`). Anything that
looks at every parameter at once (iterating, `lists()`, `urlencode()`, `copy()`, `len()`) notes
ALL: the page then depends on the whole query string, as before. A name looked up and absent
counts too (the page shows what it shows *because* `?page=` was missing).

Cached fragments (caching.cached_fragment) keep the names their build read and note them again
when they are served from the cache, so a page whose body comes from a fragment still records
that it reads `?result=`. See page_cache.py for how the names become the key."""

import builtins
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.http import HttpRequest, QueryDict

ALL = "*"  # the render depends on every parameter

_recording: ContextVar[list[set[str]] | None] = ContextVar("mrdinfo_query_reads", default=None)


def note(names: Iterable[str]) -> None:
    """Record that the render being cached read these parameter names (or ALL)."""
    stack = _recording.get()
    if stack:
        names = list(names)
        for reads in stack:
            reads.update(names)


@contextmanager
def recording() -> Iterator[set[str]]:
    """Collect every name read inside the block (nested blocks each collect their own, and the
    outer ones see them too)."""
    stack = _recording.get()
    reads: set[str] = set()
    if stack is None:
        token = _recording.set([reads])
        try:
            yield reads
        finally:
            _recording.reset(token)
        return
    stack.append(reads)
    try:
        yield reads
    finally:
        # By identity, not list.remove: an empty inner set equals an empty outer one.
        del stack[next(i for i in range(len(stack) - 1, -1, -1) if stack[i] is reads)]


class RecordingQueryDict(QueryDict):
    """request.GET, noting what is read. Made by `watch()`; copies are plain QueryDicts."""

    def __getitem__(self, key: str) -> Any:
        note([key])
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        note([key])
        return super().get(key, default)

    def getlist(self, key: str, default: Any = None) -> list[Any]:
        note([key])
        return super().getlist(key, default)

    def __contains__(self, key: object) -> bool:
        note([str(key)])
        return super().__contains__(key)

    def _everything(self) -> None:
        note([ALL])

    def __iter__(self) -> Iterator[str]:
        self._everything()
        return super().__iter__()

    def __len__(self) -> int:
        self._everything()
        return super().__len__()

    def keys(self) -> Any:
        self._everything()
        return super().keys()

    def items(self) -> Any:
        self._everything()
        return super().items()

    def lists(self) -> Any:
        self._everything()
        return super().lists()

    def values(self) -> Any:
        self._everything()
        return super().values()

    def dict(self) -> "builtins.dict[str, Any]":
        self._everything()
        return super().dict()

    def urlencode(self, safe: str | None = None) -> str:
        self._everything()
        return super().urlencode(safe)

    def copy(self) -> QueryDict:  # type: ignore[override]  # a plain copy, on purpose
        self._everything()
        return unrecorded(self).copy()

    def __copy__(self) -> QueryDict:  # type: ignore[override]
        return self.copy()

    def __deepcopy__(self, memo: Any) -> QueryDict:  # type: ignore[override]
        return self.copy()


def unrecorded(query: QueryDict) -> QueryDict:
    """The same parameters in a plain QueryDict: reading it notes nothing."""
    plain = QueryDict(mutable=True, encoding=query.encoding)
    for name, values in dict.items(query):  # dict's own items: no note
        plain.setlist(name, list(values))
    plain._mutable = False
    return plain


def watch(request: HttpRequest) -> None:
    """Replace request.GET with a RecordingQueryDict of the same parameters."""
    watched = unrecorded(request.GET)
    watched.__class__ = RecordingQueryDict
    request.GET = watched  # type: ignore[assignment]  # read-only like the QueryDict it replaces
