from django.apps import AppConfig


class ExplainerConfig(AppConfig):
    name = "mrdinfo.explainer"
    label = "explainer"
    verbose_name = "The cells-in-the-body explainer"
