"""One place that owns what the site caches and when it is cleared.

What is cached:
- Named caches that apps register with `register_cache(name, clear)`: the site chrome (menus,
  footer, settings: core/chrome.py), the glossary's term list (information/glossary.py) and the
  events index's filter choices (events/signals.py).
- The content generation: a number stored in the cache and bumped on every content change. The
  page cache (page_cache.py), fragment caches (`cached_fragment`), the promotional cards
  (promotions/cards.py) and search result cards (search/views.py) put it in their keys, so a
  bump makes every older entry unreachable at once; old entries expire by themselves. It is
  stored under a key named by the code's release (`release()`), so a deploy starts afresh too.
- The CDN or proxy in front of the site (wagtail.contrib.frontend_cache, configured from the
  environment in settings/frontend_cache.py): every live page's URL is purged, plus the old URL
  of a page that was unpublished, moved or deleted.

When, all of it at once ("correct beats clever": content changes a few times a day):
- a page is published, unpublished (scheduled publishing and expiry send the same signals),
  moved, renamed (slug change) or deleted (Wagtail unpublishes a live page before deleting it);
- anything Wagtail lists as a snippet, any site or generic setting, a Site, a redirect, or a
  model an app names with `clear_on_save(Model)` is saved or deleted;
- a draft-state snippet (an explainer) is published or unpublished.

New apps need do nothing for their snippets, settings and pages. A model that is none of these
but is shown on pages (an inline child saved on its own, say; images) is registered with
`clear_on_save`. Clearing happens once the transaction commits (see content_changed), so a
request racing the save cannot leave the old content in any cache.

tools/mutate_cache_clearing.py removes each clearing line in turn and checks that a test fails."""

import functools
import hashlib
import logging
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import post_delete, post_save

from . import query_reads

logger = logging.getLogger(__name__)

GENERATION_KEY = "content-generation:{release}"
# Moved on with the generation by a change that must never be served stale (a page unpublished,
# moved, renamed or deleted, view restrictions changed): page_cache.py serves an older copy of a
# page while one request renders the new one, but never across one of these.
PURGE_KEY = "content-purge:{release}"
CHANGED_AT_KEY = "content-changed-at:{release}"  # when the generation last moved (time.time())
FRAGMENT_KEY = "fragment:{name}:{generation}:{digest}"

_registered_caches: dict[str, Callable[[], Any]] = {}  # name -> function that clears it
_clear_on_save_models: set[type[Model]] = set()
_state = threading.local()
T = TypeVar("T")


# Registration -------------------------------------------------------------------------------


def register_cache(name: str, clear: Callable[[], Any]) -> None:
    """Call `clear()` (no arguments) whenever content changes. Registering a name twice replaces
    the earlier function, so reloading a module does not clear twice."""
    _registered_caches[name] = clear


def registered_caches() -> dict[str, Callable[[], Any]]:
    return dict(_registered_caches)


def clear_on_save(*models: type[Model]) -> None:
    """Content changes when one of these models is saved or deleted. Snippets, settings and
    pages are covered already; use this for other models that pages show."""
    _clear_on_save_models.update(models)


def is_content_model(model: type[Model]) -> bool:
    """Does saving or deleting an instance of this model change what a page shows?"""
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.models import Site
    from wagtail.snippets.models import get_snippet_models

    if model in _clear_on_save_models or model in (Site, Redirect):
        return True
    if issubclass(model, (BaseSiteSetting, BaseGenericSetting)):
        return True
    return model in get_snippet_models()


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


# Clearing -----------------------------------------------------------------------------------


def content_changed(urls: Iterable[str] = (), purge: bool = False) -> None:
    """Clear everything. The generation moves on at once (so the page cache misses even inside
    the transaction that made the change) and again, with everything else, once the transaction
    commits: a page rendered from the old data in between is stored under a generation that is
    then already abandoned. `urls` are old addresses (of an unpublished, moved or deleted page)
    to purge from the CDN as well as the live pages. `purge`: no older copy of any page may be
    served from now on (see PURGE_KEY), for changes that take a page away from some visitors."""
    bump_generation(purge)
    if not hasattr(_state, "urls"):
        _state.urls = set()
    _state.urls.update(url for url in urls if url)
    _state.purge = getattr(_state, "purge", False) or purge
    _state.pending = True
    # One callback per change: if a transaction rolls back its callbacks are dropped, and the
    # next change schedules its own. Callbacks after the first in one commit find nothing to do.
    transaction.on_commit(_flush)


def _flush() -> None:
    if not getattr(_state, "pending", False):
        return
    _state.pending = False
    urls, _state.urls = _state.urls, set()
    purge, _state.purge = getattr(_state, "purge", False), False
    clear_everything(old_urls=urls, purge=purge)


def clear_everything(old_urls: Iterable[str] = (), purge: bool = False) -> None:
    bump_generation(purge)
    for name, clear in _registered_caches.items():
        try:
            clear()
        except Exception:  # one broken cache must not leave the others stale
            logger.exception("Could not clear the %s cache", name)
    try:
        purge_frontend_cache(old_urls)
    except Exception:
        logger.exception("Could not purge the frontend cache")


def purge_frontend_cache(old_urls: Iterable[str] = ()) -> None:
    """Purge every live page (and the given old URLs) from the CDN, when one is configured.
    Wagtail sends the purge requests as a background task."""
    from wagtail.contrib.frontend_cache.utils import PurgeBatch, get_backends
    from wagtail.models import Page

    if not get_backends():
        return
    batch = PurgeBatch(urls=old_urls)
    batch.add_pages(Page.objects.live().filter(depth__gt=1).specific(defer=True))
    batch.purge()


# Signals ------------------------------------------------------------------------------------


def _page_urls(page: Any) -> list[str]:
    try:
        return [page.get_full_url()]
    except Exception:  # noqa: BLE001  a page outside every site has no address to purge
        return []


def _on_page_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    content_changed(_page_urls(instance))


def _on_page_withdrawn(sender: Any, instance: Any, **kwargs: Any) -> None:
    # Unpublished (or expired, or about to be deleted) or moved (perhaps under a restricted
    # section): its old copy must not be served again, not even while the new one renders.
    content_changed(_page_urls(instance), purge=True)


def _on_slug_changed(sender: Any, instance: Any, instance_before: Any, **kwargs: Any) -> None:
    # Sent after the commit, with the page as it was: its old address is the one to purge.
    content_changed(_page_urls(instance_before), purge=True)


def _on_model_saved(sender: type[Model], instance: Model, raw: bool = False, **kwargs: Any) -> None:
    if raw:
        return
    if _is_view_restriction(sender):
        content_changed(purge=True)
    elif is_content_model(sender):
        content_changed()


def _on_model_deleted(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    if _is_view_restriction(sender):
        content_changed(purge=True)
    elif is_content_model(sender):
        content_changed()


def _is_view_restriction(model: type[Model]) -> bool:
    """A page's view restriction (password, signed in, groups): a page it covers must stop being
    served from any cache at once. (Its groups are saved with it: the purge after the commit
    comes after them.)"""
    from wagtail.models import PageViewRestriction

    return issubclass(model, PageViewRestriction)


def connect_signals() -> None:
    """Called once from CoreConfig.ready(). Each line here is needed: a test in
    core/tests/test_caching.py fails if any one is removed. (Publishing or unpublishing a
    snippet saves it, so post_save covers those; a move is seen before it happens, so the old
    address can be purged. Deleting a live page needs no line of its own: Wagtail unpublishes
    it first (wagtail.signal_handlers.pre_delete_page_unpublish), which sends page_unpublished
    while the page still knows its address; a page that is not live shows nowhere.)"""
    from wagtail.signals import page_published, page_slug_changed, page_unpublished, pre_page_move

    page_published.connect(_on_page_changed, dispatch_uid="caching-page-published")
    page_unpublished.connect(_on_page_withdrawn, dispatch_uid="caching-page-unpublished")
    page_slug_changed.connect(_on_slug_changed, dispatch_uid="caching-page-slug")
    pre_page_move.connect(_on_page_withdrawn, dispatch_uid="caching-page-move")
    post_save.connect(_on_model_saved, dispatch_uid="caching-model-saved")
    post_delete.connect(_on_model_deleted, dispatch_uid="caching-model-deleted")
