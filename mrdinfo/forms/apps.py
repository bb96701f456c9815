from django.apps import AppConfig


class FormsConfig(AppConfig):
    name = "mrdinfo.forms"
    label = "forms"
    verbose_name = "Form pages (contact and others)"

    def ready(self) -> None:
        from mrdinfo.core import visitor_parts

        from .spam import STARTED_FIELD, started_token

        # A cached page with a form gives each visitor a fresh time stamp (core/visitor_parts.py).
        visitor_parts.register_field(STARTED_FIELD, lambda request: started_token())
