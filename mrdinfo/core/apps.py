from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "mrdinfo.core"
    label = "core"
    verbose_name = "Site-wide settings, menus and shared blocks"

    def ready(self):
        from . import (
            signals,  # noqa: F401  (cache invalidation on save)
            site_address,  # noqa: F401  (check --deploy: the site's real address)
        )
