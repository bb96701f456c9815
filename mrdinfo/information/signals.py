"""Keep the cached glossary (glossary.py) true to what editors saved.

The cache is cleared after the transaction commits, so a request racing the save cannot put the
old list back. Pages matter too: the cache holds the glossary page's address."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from .glossary import clear_glossary_cache
from .models import GlossaryPage, GlossaryTerm


def _clear_after_commit(**kwargs):
    transaction.on_commit(clear_glossary_cache)


def _clear_if_glossary_page(sender, instance=None, **kwargs):
    if isinstance(instance, GlossaryPage) or sender is GlossaryPage:
        transaction.on_commit(clear_glossary_cache)


for signal, name in ((post_save, "save"), (post_delete, "delete")):
    signal.connect(_clear_after_commit, sender=GlossaryTerm, dispatch_uid=f"glossary-term-{name}")
    signal.connect(_clear_after_commit, sender=Site, dispatch_uid=f"glossary-site-{name}")

page_published.connect(_clear_if_glossary_page, sender=GlossaryPage, dispatch_uid="glossary-page-published")
page_unpublished.connect(_clear_if_glossary_page, sender=GlossaryPage, dispatch_uid="glossary-page-unpublished")
post_delete.connect(_clear_if_glossary_page, sender=GlossaryPage, dispatch_uid="glossary-page-deleted")
# A move or a new slug anywhere above the glossary page changes its address: these are rare, so
# any page's move or slug change clears the cache.
page_slug_changed.connect(_clear_after_commit, dispatch_uid="glossary-page-slug")
post_page_move.connect(_clear_after_commit, dispatch_uid="glossary-page-move")
