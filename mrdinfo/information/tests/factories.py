"""Information pages, hubs, glossary pages and glossary terms for tests: real pages in a real
tree (factory_boy, see mrdinfo/testing/factories.py)."""

import datetime

import factory

from mrdinfo.testing.factories import PageFactory

from ..models import GlossaryPage, GlossaryTerm, InformationPage, InformationPageRelatedPage, TopicIndexPage

# Pages start as the content loader makes them: updated by the information team, not yet
# clinically reviewed. CLINICAL_REVIEW is what the clinical-review workflow records.
REVIEW = {"last_updated": datetime.date(2026, 1, 15)}
CLINICAL_REVIEW = {
    "clinical_reviewer_name": "Dr Test Reviewer",
    "clinical_reviewer_role": "Consultant paediatric haematologist",
    "clinically_reviewed_on": datetime.date(2026, 2, 1),
}


class GlossaryTermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GlossaryTerm

    term = factory.Sequence(lambda n: f"Testword{n}")
    definition = factory.LazyAttribute(lambda term: f"What {term.term.lower()} means, in a short sentence.")
    other_names = ""


class TopicIndexPageFactory(PageFactory):
    class Meta:
        model = TopicIndexPage

    title = "Understanding MRD"
    summary = "Plain answers about MRD."
    last_updated = REVIEW["last_updated"]


class InformationPageFactory(PageFactory):
    """A published information page; `related=[pages]` chooses its related pages in that order,
    and `draft=True` leaves it a draft (a revision, not published)."""

    class Meta:
        model = InformationPage

    class Params:
        related = ()
        draft = factory.Trait(live=False, publish=False)

    summary = factory.LazyAttribute(lambda page: f"A short summary of {page.title.lower()}.")
    last_updated = REVIEW["last_updated"]
    body = factory.LazyAttribute(lambda page: [("text", f"<p>This page is about {page.title.lower()}.</p>")])
    related_pages = factory.LazyAttribute(
        lambda page: [InformationPageRelatedPage(page=other, sort_order=i) for i, other in enumerate(page.related)]
    )


class GlossaryPageFactory(PageFactory):
    class Meta:
        model = GlossaryPage

    title = "Glossary"
    summary = "Words and what they mean."
    last_updated = REVIEW["last_updated"]
