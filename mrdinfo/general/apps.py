from django.apps import AppConfig


class GeneralConfig(AppConfig):
    name = "mrdinfo.general"
    label = "general"
    verbose_name = "General pages"
