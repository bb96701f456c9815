"""When caches are cleared: every content change clears all of them at once (the generation, the
registered caches, the CDN), after the transaction commits. What counts as content, and the
signals that report a change."""

import logging
import threading
from collections.abc import Callable, Iterable
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.db.models.signals import post_delete, post_save

from mrdinfo.core.caching.content_generation import bump_generation

logger = logging.getLogger(__name__)

_registered_caches: dict[str, Callable[[], Any]] = {}  # name -> function that clears it
_clear_on_save_models: set[type[Model]] = set()
_state = threading.local()


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
    core/caching/tests/test_caching.py fails if any one is removed. (Publishing or unpublishing a
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
