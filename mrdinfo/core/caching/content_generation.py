"""The content generation: one number in the cache, moved on by every content change. The page
cache, fragment caches (`cached_fragment`), promotional cards and search cards put it in their
keys, so moving it on makes every older entry unreachable at once. Its key is named by the code's
release, so a deploy starts afresh too. Moved on by clearing.py."""

import functools
import hashlib
import logging
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache

from mrdinfo.core.caching import query_reads

logger = logging.getLogger(__name__)

GENERATION_KEY = "content-generation:{release}"
# Moved on with the generation by a change that must never be served stale (a page unpublished,
# moved, renamed or deleted, view restrictions changed): page_cache.py serves an older copy of a
# page while one request renders the new one, but never across one of these.
PURGE_KEY = "content-purge:{release}"
CHANGED_AT_KEY = "content-changed-at:{release}"  # when the generation last moved (time.time())
FRAGMENT_KEY = "fragment:{name}:{generation}:{digest}"

T = TypeVar("T")


# The content generation ---------------------------------------------------------------------


@functools.cache
def release() -> str:
    """A digest of this version of the code: its Python modules, templates and static files'
    manifest. It names the generation's key, so a deploy starts a new generation (a new, larger
    number) and no page or fragment rendered by the old templates is served by the new code."""
    base = Path(settings.BASE_DIR)
    files = [
        *(base / "mrdinfo").rglob("*.py"),
        *(base / "mrdinfo").rglob("*.html"),
        *(base / "templates").rglob("*.html"),
        Path(settings.STATIC_ROOT) / "staticfiles.json",  # hashed static names go into pages
    ]
    digest = hashlib.sha256()
    for path in sorted(files):
        if path.is_file() and "tests" not in path.parts:
            digest.update(str(path.relative_to(base) if path.is_relative_to(base) else path.name).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def generation_key() -> str:
    return GENERATION_KEY.format(release=release())


def _fresh_generation() -> int:
    # Microseconds since the epoch: if the stored number is ever lost (Redis restart, eviction),
    # the new one is still larger than any used before, so no old page comes back.
    return int(time.time() * 1_000_000)


def generation() -> int | None:
    key = generation_key()
    value = cache.get(key)
    if value is None:
        cache.add(key, _fresh_generation(), timeout=None)
        value = cache.get(key)
    return value


def purge_key() -> str:
    return PURGE_KEY.format(release=release())


def changed_at_key() -> str:
    return CHANGED_AT_KEY.format(release=release())


def purge_generation() -> int | None:
    """The number page_cache.py compares to decide whether an older copy may still be served."""
    key = purge_key()
    value = cache.get(key)
    if value is None:
        cache.add(key, _fresh_generation(), timeout=None)
        value = cache.get(key)
    return value


def _incr(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:  # not stored yet (or lost, e.g. evicted): start a new, larger one
        cache.set(key, _fresh_generation(), timeout=None)


def bump_generation(purge: bool = False) -> None:
    """Move the content generation on. `purge`: old copies of pages must not be served even for
    the moment it takes to render the new ones (see PURGE_KEY)."""
    try:
        if purge:
            _incr(purge_key())
        _incr(generation_key())
        cache.set(changed_at_key(), time.time(), timeout=None)
    except Exception:  # the cache is down: saving content must still work
        logger.exception("Could not move the content generation on")


def bump_generation_from(expected: int) -> int | None:
    """Move the content generation on from `expected` for something built from the content (the
    booklet's figures, which pages show): every page and fragment is rendered again, but nothing
    else is cleared. The new number, or None if the generation was not `expected` (content
    changed meanwhile, and whatever was built from the older content must not be filed under
    the newer number)."""
    try:
        moved_to = cache.incr(generation_key())
        cache.set(changed_at_key(), time.time(), timeout=None)
    except Exception:  # noqa: BLE001  not stored, or the cache is down: nothing to refresh
        return None
    return moved_to if moved_to == expected + 1 else None


def fragment_key(name: str, *parts: Any) -> str:
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    return FRAGMENT_KEY.format(name=name, generation=generation(), digest=digest)


def cached_fragment(name: str, parts: Iterable[Any], build: Callable[[], T]) -> T:
    """The result of `build()`, cached under its inputs (`parts`) and the content generation:
    for pure functions of stored content (rendered page bodies, linked glossary terms). The
    query parameters `build()` read are kept with it and noted again when it is served from the
    cache (query_reads.py), so the page cache still knows the page reads them."""
    key = fragment_key(name, *parts)
    stored = cache.get(key)
    if stored is None:
        with query_reads.recording() as reads:
            value = build()
        cache.set(key, (value, frozenset(reads)))
        return value
    value, reads = stored
    query_reads.note(reads)
    return value
