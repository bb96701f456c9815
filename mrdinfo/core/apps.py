from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "mrdinfo.core"
    label = "core"
    verbose_name = "Site-wide settings, menus and shared blocks"

    def ready(self) -> None:
        from wagtail.images import get_image_model

        from mrdinfo.core import caching
        from mrdinfo.core.models import MenuItem
        from mrdinfo.core.operations import site_address  # noqa: F401  (check --deploy: the site's real address)
        from mrdinfo.core.pages.chrome import clear_site_chrome

        caching.connect_signals()
        caching.register_cache("site-chrome", clear_site_chrome)
        # Menus are snippets (cleared already); their links can also be saved on their own.
        caching.clear_on_save(MenuItem)
        # Whether a page is private is cached (BasePage.get_view_restrictions): a view
        # restriction's save or deletion purges every cache (caching.clearing._is_view_restriction).
        # An image's alt text, focal point or file shows wherever it is placed.
        caching.clear_on_save(get_image_model())
