from django.apps import AppConfig


class ExplainerConfig(AppConfig):
    name = "mrdinfo.explainer"
    label = "explainer"
    verbose_name = "The cells-in-the-body explainer"

    def ready(self):
        from mrdinfo.core.content import registry

        from . import signals  # noqa: F401  (search entries follow a published explainer)
        from .content import load_explainers

        # Explainers load before pages, so a page body can name one.
        registry.register("before_pages", load_explainers)
