from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "mrdinfo.feedback"
    verbose_name = "Page feedback"

    def ready(self) -> None:
        from .personal_data import register_personal_data

        register_personal_data()
