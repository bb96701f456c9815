from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "mrdinfo.privacy"
    label = "privacy"
    verbose_name = "Data protection: erasure, subject access and retention"

    def ready(self) -> None:
        from .registrations import register_personal_data

        register_personal_data()
