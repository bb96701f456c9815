from django.apps import AppConfig


class EditorialConfig(AppConfig):
    name = "mrdinfo.editorial"
    label = "editorial"
    verbose_name = "Editing: groups, clinical sign-off, review dates and content checks"

    def ready(self):
        from mrdinfo.core.content import registry

        from .setup import ensure_editorial_setup_for_loader

        # A fresh `make run` database gets the hub's sign-off workflow and the Fundraising
        # group's sections once load_content has made those pages.
        registry.register("after_pages", ensure_editorial_setup_for_loader)
