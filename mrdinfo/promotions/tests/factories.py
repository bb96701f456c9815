"""Promotional cards and sets for tests (factory_boy, see
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
    """A card set showing `cards=` in that order."""

    class Meta:
        model = PromoCardSet

    class Params:
        cards = ()

    name = factory.Sequence(lambda n: f"Card set {n}")
    heading = "Read more"
    items = factory.LazyAttribute(
        lambda card_set: [PromoCardSetItem(card=card, sort_order=index) for index, card in enumerate(card_set.cards)]
    )


def set_end_of_page_cards(site, card_set):
    settings = PromoSettings.for_site(site)
    settings.end_of_information_pages = card_set
    settings.save()
    return settings
