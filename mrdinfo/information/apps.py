from django.apps import AppConfig


class InformationConfig(AppConfig):
    name = "mrdinfo.information"
    label = "information"
    verbose_name = "Understanding MRD: information pages and glossary"
