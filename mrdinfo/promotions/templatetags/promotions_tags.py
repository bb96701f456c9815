from django import template

from ..cards import end_of_page_cards

register = template.Library()


@register.inclusion_tag("promotions/includes/card_row.html", takes_context=True)
def end_of_page_promo_cards(context):
    """The set chosen in Settings → Promotional cards, for the end of information pages."""
    card_set = end_of_page_cards(context.get("request"))
    return {"card_set": card_set, "heading": (card_set or {}).get("heading", ""), "id_suffix": "end", "link_css": True}
