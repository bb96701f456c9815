from django.apps import AppConfig


class InformationConfig(AppConfig):
    name = "mrdinfo.information"
    label = "information"
    verbose_name = "Understanding MRD: information pages and glossary"

    def ready(self):
        from mrdinfo.core.content import registry
        from mrdinfo.core.pages import listening, prose

        from . import signals
        from .content_loading import load_glossary
        from .glossary import link_prose, pronunciations

        registry.register("before_pages", load_glossary)
        signals.register()  # the glossary's cache is cleared whenever content changes
        # Prose in every stream of blocks, on any page, links the glossary's terms.
        prose.register_prose_filter("glossary", link_prose)
        # "Listen to this page" says the glossary's abbreviations as its terms' say_it_as tell it.
        listening.register_pronunciations("glossary", pronunciations)
