from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "mrdinfo.search"
    label = "site_search"  # "search" would clash with wagtail.search's label
    verbose_name = "Site search"
