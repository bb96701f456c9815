"""A contact form page for tests (factory_boy, see
mrdinfo/testing/factories.py)."""

import factory

from mrdinfo.forms.models import FormField, FormPage
from mrdinfo.testing.factories import PageFactory

CONTACT_QUESTIONS = [
    {"label": "Your name", "field_type": "singleline", "required": True},
    {"label": "Your email address", "field_type": "email", "required": True, "help_text": "So we can reply."},
    {"label": "Your message", "field_type": "multiline", "required": True},
]


class FormPageFactory(PageFactory):
    class Meta:
        model = FormPage

    title = "Contact us"
    slug = "contact"
    summary = "Send us a message."
    intro = "<p>Ask us anything about this site.</p>"
    thank_you_text = "<p>We will reply by email.</p>"
    to_address = ""
    from_address = factory.LazyAttribute(lambda page: "website@example.org" if page.to_address else "")
    form_fields = factory.LazyFunction(
        lambda: [FormField(sort_order=i, **question) for i, question in enumerate(CONTACT_QUESTIONS)]
    )
