"""Clear the cached filter choices when an editor adds, renames or deletes a type or region."""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .listing import CATEGORIES_CACHE_KEY
from .models import EventRegion, EventType


@receiver([post_save, post_delete], sender=EventType)
@receiver([post_save, post_delete], sender=EventRegion)
def clear_category_choices(**kwargs):
    cache.delete(CATEGORIES_CACHE_KEY)
    # Again once the change is committed, in case a visitor refilled the cache in between.
    transaction.on_commit(lambda: cache.delete(CATEGORIES_CACHE_KEY))
