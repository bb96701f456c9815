"""One booklet per hub and content generation, built once, kept in the shared cache.

- `cached(hub)`: the booklet of the current content generation, or None. `figures(hub)` is its
  page count and size alone (a small entry, so a page that links the booklet never reads the PDF).
- `get_or_build(hub)`: the request path. The first request to find no booklet takes a lock in the
  shared cache and builds it; requests that come meanwhile wait for that build (however many
  servers they are on) instead of building it again, and build it themselves only if it has not
  come by BUILD_WAIT_SECONDS (the builder died).
- After every content change (a cache registered with core's caching, see signals.py) a
  background task builds it, when settings.BOOKLET_BUILD_IN_BACKGROUND is on (production, with
  the task worker); without a worker the first request builds it.

A page rendered before the booklet was built links it without figures, and the page cache keeps
that copy. So when a build finishes it moves the content generation on once more, and files the
booklet under the new generation too: pages are rendered again, now with the figures (the page
cache serves the old copy while one request renders the new one). If anything else moved the
generation meanwhile (content changed during the build), it does neither: a build of the new
content follows."""

import datetime
import logging
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache

from mrdinfo.core import caching

logger = logging.getLogger(__name__)

BOOKLET_KEY = "booklet:pdf:{generation}:{hub}"
FIGURES_KEY = "booklet:figures:{generation}:{hub}"
LOCK_KEY = "booklet:lock:{generation}:{hub}"
QUEUED_KEY = "booklet:queued:{generation}:{hub}"
# Old generations' booklets are never asked for again; they expire by themselves.
KEEP_SECONDS = 7 * 24 * 60 * 60
BUILD_LOCK_SECONDS = 120
BUILD_WAIT_SECONDS = 25  # under gunicorn's --timeout 30
POLL_SECONDS = 0.2


@dataclass(frozen=True)
class Booklet:
    pdf: bytes
    pages: int
    built_at: datetime.datetime

    @property
    def size(self) -> int:
        return len(self.pdf)


def size_in_words(size: int) -> str:
    """As GOV.UK writes a file's size: "1.2 MB", "340 KB"."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    return f"{max(1, round(size / 1000))} KB"


def _key(template: str, hub: Any, generation: int | None = None) -> str:
    return template.format(generation=caching.generation() if generation is None else generation, hub=hub.pk)


def cached(hub: Any) -> Booklet | None:
    found = cache.get(_key(BOOKLET_KEY, hub))
    return found if isinstance(found, Booklet) else None


def figures(hub: Any) -> dict[str, Any] | None:
    """{"pages": 43, "size": 216608, "size_words": "217 KB"} of the current generation's booklet,
    or None before it is built. One cache read, no database query."""
    try:
        return cache.get(_key(FIGURES_KEY, hub))
    except Exception:  # noqa: BLE001  the cache is down: the link shows no figures
        return None


def store(hub: Any, built: Booklet, generation: int | None) -> None:
    cache.set_many(
        {
            _key(BOOKLET_KEY, hub, generation): built,
            _key(FIGURES_KEY, hub, generation): {
                "pages": built.pages,
                "size": built.size,
                "size_words": size_in_words(built.size),
            },
        },
        KEEP_SECONDS,
    )


def build_and_store(hub: Any) -> Booklet:
    """Build the booklet of the content as it is now and file it under the generation it was
    built from; then, if nothing else changed meanwhile, refresh the pages that link it."""
    from . import booklet  # WeasyPrint: loaded by the process that builds, when it builds

    generation = caching.generation()
    started = time.monotonic()
    built = booklet.build(hub)
    store(hub, built, generation)
    logger.info(
        "Built the booklet of %s: %s pages, %s bytes, %.1f s",
        hub.pk,
        built.pages,
        built.size,
        time.monotonic() - started,
    )
    if generation is not None and caching.generation() == generation:
        moved_to = caching.bump_generation_from(generation)
        if moved_to is not None:
            store(hub, built, moved_to)
    return built


def get_or_build(hub: Any) -> Booklet:
    """The current booklet: from the cache, or built by this request or the one already at it."""
    found = cached(hub)
    if found is not None:
        return found
    lock = _key(LOCK_KEY, hub)
    if cache.add(lock, 1, BUILD_LOCK_SECONDS):
        try:
            return build_and_store(hub)
        finally:
            cache.delete(lock)
    deadline = time.monotonic() + BUILD_WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(POLL_SECONDS)
        found = cached(hub)
        if found is not None:
            return found
        if not cache.get(lock):
            break  # the other build ended without a booklet (or the cache is down): build it here
    return build_and_store(hub)


def tasks_run_in_a_worker() -> bool:
    from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
    from django_tasks.backends.immediate import ImmediateBackend

    return not isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], ImmediateBackend)


def queue_build(hub: Any, from_a_page: bool = False) -> None:
    """Ask the task worker to build the current booklet, once per generation (pages that find
    no figures call this on every render until it is built, `from_a_page`: never when tasks run
    at once, which would build it in the page's render)."""
    if not getattr(settings, "BOOKLET_BUILD_IN_BACKGROUND", False):
        return
    if from_a_page and not tasks_run_in_a_worker():
        return
    try:
        if not cache.add(_key(QUEUED_KEY, hub), 1, BUILD_LOCK_SECONDS):
            return
        from .tasks import build_booklet

        build_booklet.enqueue(hub.pk)
    except Exception:  # the queue or the cache is down: the first request builds it instead
        logger.exception("Could not queue the booklet's build")


def queue_builds() -> None:
    """After a content change (registered with core's caching in signals.py): every hub's booklet."""
    if not getattr(settings, "BOOKLET_BUILD_IN_BACKGROUND", False):
        return
    from .models import TopicIndexPage

    for hub in TopicIndexPage.objects.live().only("pk"):
        queue_build(hub)
