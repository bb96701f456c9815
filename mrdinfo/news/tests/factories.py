"""News pages for tests (factory_boy, see mrdinfo/testing/factories.py)."""

from datetime import date, timedelta

import factory

from mrdinfo.testing.factories import PageFactory

from ..models import NewsIndexPage, NewsPage

BATCH_START = date(2026, 1, 1)


class NewsIndexPageFactory(PageFactory):
    class Meta:
        model = NewsIndexPage

    class Params:
        email = "press@example.org"

    title = "News and media centre"
    slug = "news"
    summary = "News from the charity."
    media_enquiries = factory.LazyAttribute(
        lambda index: [
            ("media_enquiries", {"heading": "Media enquiries", "contact_name": "Press office", "email": index.email})
        ]
    )


class NewsPageFactory(PageFactory):
    class Meta:
        model = NewsPage

    date = date(2026, 6, 1)
    category = "charity-news"
    image = None
    summary = factory.LazyAttribute(lambda page: f"A short summary of {page.title.lower()}.")
    body = factory.LazyAttribute(lambda page: [("text", f"<p>{page.title}. A short story.</p>")])

    @classmethod
    def create_dated_batch(cls, size, start=BATCH_START, **kwargs):
        """`size` stories a day apart from `start` ("News item 0" the oldest), live with no
        revision, as a bulk import would leave them (many pages quickly)."""
        return cls.create_batch(
            size,
            title=factory.Iterator([f"News item {n}" for n in range(size)]),
            date=factory.Iterator([start + timedelta(days=n) for n in range(size)]),
            revision=False,
            **kwargs,
        )
