"""The glossary's cached term list (glossary.py) is cleared by core's caching module on every
content change (a term saved or deleted: terms are snippets; a page published, moved or
renamed: the list holds the glossary page's address). The booklet (booklet_cache.py) is kept
per content generation, so a change needs no clearing; it queues the new booklet's build.
Registered from apps.py."""

from mrdinfo.core import caching

from .booklet_cache import queue_builds
from .glossary import clear_glossary_cache


def register():
    caching.register_cache("glossary", clear_glossary_cache)
    caching.register_cache("booklet", queue_builds)
