"""Admin panels for this section."""

from wagtail.admin.panels import Panel

from .reading import LONGEST_SENTENCE, TARGET, long_sentences, prose_of, reading_ease


class ReadingEasePanel(Panel):
    """Shows the page's reading ease as last saved, so editors see plain-language problems
    before they publish (the same measure the content tests hold the site's pages to)."""

    @property
    def clean_name(self):
        return super().clean_name or "reading_ease"

    class BoundPanel(Panel.BoundPanel):
        template_name = "information/admin/reading_ease_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            prose = prose_of(self.instance) if self.instance.pk else ""
            score = reading_ease(prose) if prose else None
            context.update(
                score=None if score is None else round(score),
                target=TARGET,
                long_sentences=long_sentences(prose),
                longest=LONGEST_SENTENCE,
            )
            return context
