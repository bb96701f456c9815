from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    name = "mrdinfo.newsletter"
    label = "newsletter"
    verbose_name = "The “Every Step” newsletter"

    def ready(self):
        from . import permissions  # noqa: F401  (read-only admin for subscribers and consents)
        from .personal_data import register_personal_data

        register_personal_data()
