"""The cards a visitor sees, as plain data kept in the cache (picklable for Redis).

Cards appear on the home page and at the end of every information page, which are near their
query budget, so a card set is built once (a fixed three or four queries, however many cards)
and then costs no queries until an editor changes a card, a set, the settings, an image or a
page. The keys carry core's content generation (core/caching/), which every such change moves
on, so every old entry is ignored at once; apps.py registers the set's items, which can be saved
on their own."""

from django.core.cache import cache

from wagtail.models import Site

from mrdinfo.core import caching

from .models import PromoCardSet, PromoCardSetItem, PromoSettings

# Small, cropped the same way for every card, and a JPEG: cards are decoration beside their titles.
CARD_IMAGE_FILTER = "fill-480x270|format-jpeg|jpegquality-75"


def _card_url(card, site):
    if card.link_page_id:
        page = card.link_page
        if page is None or not page.live:
            return None  # an unpublished page drops out rather than leading to a 404
        return page.get_url(current_site=site)
    return card.link_url


def build_card_set(card_set_id, site):
    card_set = PromoCardSet.objects.filter(pk=card_set_id).first()
    if card_set is None:
        return None
    items = (
        PromoCardSetItem.objects.filter(card_set_id=card_set_id)
        .select_related("card__link_page", "card__image")
        .prefetch_related("card__image__renditions")
        .order_by("sort_order", "pk")
    )
    cards = []
    for item in items:
        card = item.card
        url = _card_url(card, site)
        if url is None:
            continue
        image = None
        if card.image is not None:
            rendition = card.image.get_rendition(CARD_IMAGE_FILTER)
            image = {"url": rendition.url, "width": rendition.width, "height": rendition.height}
        cards.append({"title": card.title, "text": card.text, "url": url, "image": image})
    return {"id": card_set.pk, "heading": card_set.heading, "cards": cards}


def _site(request):
    return Site.find_for_request(request) if request is not None else Site.objects.filter(is_default_site=True).first()


def card_set_for(card_set_id, request):
    """The cards of one set, in the editor's order, as dicts: title, text, url, image."""
    site = _site(request)
    if site is None or card_set_id is None:
        return None
    key = f"promo-cards:{caching.generation()}:set:{site.pk}:{card_set_id}"
    return cache.get_or_set(key, lambda: build_card_set(card_set_id, site) or {"id": None, "cards": []})


def end_of_page_cards(request):
    """The set editors chose for the end of information pages (Settings → Promotional cards)."""
    site = _site(request)
    if site is None:
        return None

    def build():
        settings = PromoSettings.base_queryset().filter(site=site).first()
        if settings is None or settings.end_of_information_pages_id is None:
            return {"id": None, "cards": []}
        return build_card_set(settings.end_of_information_pages_id, site) or {"id": None, "cards": []}

    return cache.get_or_set(f"promo-cards:{caching.generation()}:end-of-page:{site.pk}", build)
