from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "mrdinfo.news"
    label = "news"
    verbose_name = "News and media centre"
