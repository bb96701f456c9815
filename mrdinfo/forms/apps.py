from django.apps import AppConfig


class FormsConfig(AppConfig):
    name = "mrdinfo.forms"
    label = "forms"
    verbose_name = "Form pages (contact and others)"

    def ready(self) -> None:
        from mrdinfo.core.caching import visitor_parts

        from .personal_data import register_personal_data
        from .spam import STARTED_FIELD, started_token

        register_personal_data()
        # A cached page with a form gives each visitor a fresh time stamp (core/caching/visitor_parts.py).
        visitor_parts.register_field(STARTED_FIELD, lambda request: started_token())
