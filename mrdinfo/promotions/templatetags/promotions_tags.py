from django import template

from ..cards import end_of_page_cards

register = template.Library()


@register.inclusion_tag("promotions/includes/end_of_page_line.html", takes_context=True)
def end_of_page_promo_cards(context):
    """The set chosen in Settings → Promotional cards, for the end of information pages: one line."""
    return {"card_set": end_of_page_cards(context.get("request"))}
