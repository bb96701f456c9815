"""Keep the cached cards (cards.py) true to what editors saved: any change to a card, a set, the
settings, an image or a page's title, URL or publication moves the cache generation on, after
the transaction commits (so a racing request cannot put old cards back)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from wagtail.images import get_image_model
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from .cards import clear_card_cache
from .models import PromoCard, PromoCardSet, PromoCardSetItem, PromoSettings


def _clear_after_commit(**kwargs):
    transaction.on_commit(clear_card_cache)


for model in (PromoCard, PromoCardSet, PromoCardSetItem, PromoSettings, Site, get_image_model()):
    post_save.connect(_clear_after_commit, sender=model, dispatch_uid=f"promo-save-{model.__name__}")
    post_delete.connect(_clear_after_commit, sender=model, dispatch_uid=f"promo-delete-{model.__name__}")

page_published.connect(_clear_after_commit, dispatch_uid="promo-page-published")
page_unpublished.connect(_clear_after_commit, dispatch_uid="promo-page-unpublished")
page_slug_changed.connect(_clear_after_commit, dispatch_uid="promo-page-slug")
post_page_move.connect(_clear_after_commit, dispatch_uid="promo-page-move")


def _page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        transaction.on_commit(clear_card_cache)


post_delete.connect(_page_deleted, dispatch_uid="promo-page-delete")
