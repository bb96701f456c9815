from django.apps import AppConfig


class PromotionsConfig(AppConfig):
    name = "mrdinfo.promotions"
    label = "promotions"
    verbose_name = "Promotional cards"

    def ready(self):
        from mrdinfo.core import caching
        from mrdinfo.core.content import registry

        from .content_loading import create_card_sets, load_cards
        from .models import PromoCardSetItem

        # Cached cards follow core's content generation (cards.py). Sets and cards are snippets
        # and the settings a setting, so core sees them change; a set's items can be saved alone.
        caching.clear_on_save(PromoCardSetItem)

        # Card sets must exist before pages (the home page places them by name); cards link to
        # pages, so they are filled in after the pages exist.
        registry.register("before_pages", create_card_sets)
        registry.register("after_pages", load_cards)
