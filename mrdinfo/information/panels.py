"""Admin panels for this section."""

from wagtail.admin.panels import Panel

from .reading import (
    LONGEST_SENTENCE,
    READING_AGE_TARGET,
    TARGET,
    WARN_BELOW,
    long_sentences,
    longest_sentences,
    prose_of,
    reading_age,
    reading_ease,
    terms_not_in_glossary,
)


def glossary_names():
    from .models import GlossaryTerm

    return [name for term in GlossaryTerm.objects.only("term", "other_names") for name in term.names()]


class ReadingEasePanel(Panel):
    """Shows the page's reading ease as last saved, so editors see plain-language problems
    before they publish (the same measure the content tests hold the site's pages to): the score,
    its longest sentences and the long words no glossary term explains. Below 65 it warns; it
    never blocks publishing."""

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
                age=reading_age(prose) if prose else None,
                age_from=READING_AGE_TARGET[0],
                age_to=READING_AGE_TARGET[1],
                warn_below=WARN_BELOW,
                too_hard=score is not None and score < WARN_BELOW,
                long_sentences=long_sentences(prose),
                longest=LONGEST_SENTENCE,
                longest_sentences=longest_sentences(prose) if prose else [],
                unexplained_terms=terms_not_in_glossary(prose, glossary_names()) if prose else [],
            )
            return context
