from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "mrdinfo.events"
    label = "events"
    verbose_name = "Events"

    def ready(self):
        from mrdinfo.core.content import registry

        from . import signals
        from .content_loading import load_event_categories
        from .personal_data import register_personal_data

        registry.register("before_pages", load_event_categories)
        signals.register()  # the cached filter choices are cleared whenever content changes
        register_personal_data()  # registrations, in the register of personal data
