from django.apps import AppConfig


class FormsConfig(AppConfig):
    name = "mrdinfo.forms"
    label = "forms"
    verbose_name = "Form pages (contact and others)"

    def ready(self) -> None:
        from .personal_data import register_personal_data

        register_personal_data()
