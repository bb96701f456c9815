from django.apps import AppConfig


class GivingConfig(AppConfig):
    name = "mrdinfo.giving"
    label = "giving"
    verbose_name = "Giving: donations and Gift Aid"

    def ready(self):
        from . import checks, permissions  # noqa: F401  (deploy check; read-only admin for donations)
        from .personal_data import register_personal_data

        register_personal_data()
