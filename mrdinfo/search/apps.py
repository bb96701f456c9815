from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "mrdinfo.search"
    label = "site_search"  # "search" would clash with wagtail.search's label
    verbose_name = "Site search"

    def ready(self) -> None:
        from .personal_data import register_personal_data

        register_personal_data()
