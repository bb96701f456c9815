"""News pages for tests (factory_boy; make_* are the short forms, see mrdinfo/testing/factories.py)."""

from datetime import date, timedelta

import factory

from mrdinfo.testing.factories import PageFactory

from ..models import NewsIndexPage, NewsPage


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


def make_news_index(home, title="News and media centre", email="press@example.org", **fields):
    return NewsIndexPageFactory(parent=home, title=title, email=email, **fields)


def make_news_page(index, title, day=None, image=None, category="charity-news", revision=True, **fields):
    """revision=False: live without a revision, as a bulk import would leave it (many pages quickly)."""
    if day is not None:
        fields["date"] = day
    return NewsPageFactory(
        parent=index, title=title, image=image, category=category, live=True, revision=revision, **fields
    )


def make_many_news_pages(index, count, start=date(2026, 1, 1), image=None):
    return [
        make_news_page(index, f"News item {n}", day=start + timedelta(days=n), image=image, revision=False)
        for n in range(count)
    ]
