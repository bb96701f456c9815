"""The cached filter choices (listing.py) are cleared by core's caching module on every content
change: event types and regions are snippets. Registered from apps.py."""

from django.core.cache import cache

from mrdinfo.core import caching

from .listing import CATEGORIES_CACHE_KEY


def clear_category_choices():
    cache.delete(CATEGORIES_CACHE_KEY)


def register():
    caching.register_cache("event-categories", clear_category_choices)
