"""Build information pages, hubs and glossary terms for tests: real pages in a real tree."""

import datetime

import factory

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


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def make_hub(home, title="Understanding MRD", **fields):
    values = {"summary": "Plain answers about MRD.", **REVIEW, **fields}
    return publish(home, TopicIndexPage(title=title, **values))


def make_information_page(hub, title, body=None, related=(), live=True, **fields):
    values = {"summary": f"A short summary of {title.lower()}.", **REVIEW, **fields}
    page = InformationPage(
        title=title,
        live=live,
        body=body if body is not None else [("text", f"<p>This page is about {title.lower()}.</p>")],
        **values,
    )
    page.related_pages = [InformationPageRelatedPage(page=other, sort_order=i) for i, other in enumerate(related)]
    hub.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    return page


def make_glossary_page(hub, title="Glossary", **fields):
    values = {"summary": "Words and what they mean.", **REVIEW, **fields}
    return publish(hub, GlossaryPage(title=title, **values))
