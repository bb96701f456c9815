"""A page's search result card (title, address, summary) is cached; drop it when the page changes."""

from django.core.cache import cache
from django.db.models.signals import post_delete

from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .views import card_key


def forget_card(page_id):
    cache.delete_many([card_key(site, page_id) for site in [None, *Site.objects.all()]])


def on_page_change(sender, instance=None, **kwargs):
    page = instance or kwargs.get("page")
    if page is not None and page.pk:
        forget_card(page.pk)


def on_page_moved(sender, instance=None, **kwargs):
    # A move changes the addresses of the page and everything below it.
    for pk in Page.objects.descendant_of(instance, inclusive=True).values_list("pk", flat=True):
        forget_card(pk)


def connect():
    page_published.connect(on_page_change, dispatch_uid="site_search_card_published")
    page_unpublished.connect(on_page_change, dispatch_uid="site_search_card_unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="site_search_card_moved")
    post_delete.connect(on_page_change, sender=Page, dispatch_uid="site_search_card_deleted")
