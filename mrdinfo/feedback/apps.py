from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "mrdinfo.feedback"
    verbose_name = "Page feedback"
