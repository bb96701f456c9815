"""PromoCardsBlock: places an editor's card set in a page body (the home page uses it)."""

from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from .cards import card_set_for


class PromoCardsBlock(blocks.StructBlock):
    card_set = SnippetChooserBlock("promotions.PromoCardSet", help_text="Which cards, in the set's order.")
    heading = blocks.CharBlock(required=False, max_length=80, help_text="Leave empty to use the set's own heading.")

    class Meta:
        icon = "grip"
        template = "promotions/blocks/promo_cards.html"
        label = "Promotional cards"
        description = "A row of the charity's promotional cards (Snippets → Card sets), e.g. “Read more”."

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        card_set = value.get("card_set")
        context["card_set"] = card_set_for(card_set.pk if card_set else None, request)
        context["heading"] = value.get("heading") or (context["card_set"] or {}).get("heading", "")
        return context
