"""Promotional cards and sets for tests (factory_boy; make_* are the short forms, see
mrdinfo/testing/factories.py)."""

import factory

from mrdinfo.testing.factories import ValidatedModelFactory

from ..models import PromoCard, PromoCardSet, PromoCardSetItem, PromoSettings


class PromoCardFactory(ValidatedModelFactory):
    class Meta:
        model = PromoCard

    title = factory.Sequence(lambda n: f"Card {n}")
    text = factory.LazyAttribute(lambda card: f"About {card.title.lower()}.")
    link_page = None
    link_url = ""
    image = None


class PromoCardSetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PromoCardSet

    name = factory.Sequence(lambda n: f"Card set {n}")
    heading = "Read more"


def make_card(title, page=None, url="", image=None, text=""):
    extra = {"text": text} if text else {}
    return PromoCardFactory(title=title, link_page=page, link_url=url, image=image, **extra)


def make_card_set(name, cards, heading="Read more"):
    items = [PromoCardSetItem(card=card, sort_order=index) for index, card in enumerate(cards)]
    return PromoCardSetFactory(name=name, heading=heading, items=items)


def set_end_of_page_cards(site, card_set):
    settings = PromoSettings.for_site(site)
    settings.end_of_information_pages = card_set
    settings.save()
    return settings
