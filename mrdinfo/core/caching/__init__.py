"""One place that owns what the site caches and when it is cleared.

What is cached:
- Named caches that apps register with `register_cache(name, clear)`: the site chrome (menus,
  footer, settings: core/pages/chrome.py), the glossary's term list (information/glossary.py) and the
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

from mrdinfo.core.caching.clearing import (
    clear_everything,
    clear_on_save,
    connect_signals,
    content_changed,
    is_content_model,
    purge_frontend_cache,
    register_cache,
    registered_caches,
)
from mrdinfo.core.caching.content_generation import (
    bump_generation,
    bump_generation_from,
    cached_fragment,
    changed_at_key,
    fragment_key,
    generation,
    generation_key,
    purge_generation,
    purge_key,
    release,
)

# What apps use: `from mrdinfo.core import caching`, then caching.register_cache(...) and so on.
__all__ = [
    "bump_generation",
    "bump_generation_from",
    "cached_fragment",
    "changed_at_key",
    "clear_everything",
    "clear_on_save",
    "connect_signals",
    "content_changed",
    "fragment_key",
    "generation",
    "generation_key",
    "is_content_model",
    "purge_frontend_cache",
    "purge_generation",
    "purge_key",
    "register_cache",
    "registered_caches",
    "release",
]
