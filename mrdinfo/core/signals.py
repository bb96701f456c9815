"""Keep the cached site chrome (chrome.py) true to what editors saved.

Invalidation waits for the transaction to commit, so a request that races the save cannot
put the old menu back into the cache after we cleared it."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from .chrome import clear_site_chrome
from .models import Menu, MenuItem, SiteSettings


def _clear_after_commit(**kwargs):
    transaction.on_commit(clear_site_chrome)


for model in (SiteSettings, Menu, MenuItem, Site):
    post_save.connect(_clear_after_commit, sender=model, dispatch_uid=f"chrome-save-{model.__name__}")
    post_delete.connect(_clear_after_commit, sender=model, dispatch_uid=f"chrome-delete-{model.__name__}")

# A page's title or URL may appear in a menu or the footer.
page_published.connect(_clear_after_commit, dispatch_uid="chrome-page-published")
page_unpublished.connect(_clear_after_commit, dispatch_uid="chrome-page-unpublished")
page_slug_changed.connect(_clear_after_commit, dispatch_uid="chrome-page-slug")
post_page_move.connect(_clear_after_commit, dispatch_uid="chrome-page-move")


@receiver(post_delete, dispatch_uid="chrome-page-delete")
def _page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        transaction.on_commit(clear_site_chrome)
