from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "mrdinfo.people"
    label = "people"
    verbose_name = "People (ambassadors)"

    def ready(self):
        from mrdinfo.core.content import registry

        from .content_loading import load_people

        registry.register("before_pages", load_people)  # pages list people by role
