from django.apps import AppConfig


class PromotionsConfig(AppConfig):
    name = "mrdinfo.promotions"
    label = "promotions"
    verbose_name = "Promotional cards"

    def ready(self):
        from mrdinfo.core.content import registry

        from . import signals  # noqa: F401  (card cache invalidation)
        from .content_loading import create_card_sets, load_cards

        # Card sets must exist before pages (the home page places them by name); cards link to
        # pages, so they are filled in after the pages exist.
        registry.register("before_pages", create_card_sets)
        registry.register("after_pages", load_cards)
