"""Build promotional cards and sets for tests."""

from ..models import PromoCard, PromoCardSet, PromoCardSetItem, PromoSettings


def make_card(title, page=None, url="", image=None, text=""):
    card = PromoCard(title=title, text=text or f"About {title.lower()}.", link_page=page, link_url=url, image=image)
    card.full_clean()
    card.save()
    return card


def make_card_set(name, cards, heading="Read more"):
    card_set = PromoCardSet(name=name, heading=heading)
    card_set.items = [PromoCardSetItem(card=card, sort_order=index) for index, card in enumerate(cards)]
    card_set.save()
    return card_set


def set_end_of_page_cards(site, card_set):
    settings = PromoSettings.for_site(site)
    settings.end_of_information_pages = card_set
    settings.save()
    return settings
