"""Build news pages for tests (and for anyone trying the media centre in a shell)."""

from datetime import date, timedelta

from ..models import NewsIndexPage, NewsPage


def make_news_index(home, title="News and media centre", email="press@example.org", **fields):
    index = NewsIndexPage(
        title=title,
        slug="news",
        summary=fields.pop("summary", "News from the charity."),
        media_enquiries=[
            ("media_enquiries", {"heading": "Media enquiries", "contact_name": "Press office", "email": email})
        ],
        **fields,
    )
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def make_news_page(index, title, day=None, image=None, category="charity-news", revision=True, **fields):
    page = NewsPage(
        title=title,
        date=day or date(2026, 6, 1),
        category=category,
        image=image,
        summary=fields.pop("summary", f"A short summary of {title.lower()}."),
        body=fields.pop("body", [("text", f"<p>{title}. A short story.</p>")]),
        **fields,
    )
    if revision:
        index.add_child(instance=page)
        page.save_revision().publish()
    else:  # many pages quickly: live without a revision, as a bulk import would leave them
        page.live = True
        index.add_child(instance=page)
    return page


def make_many_news_pages(index, count, start=date(2026, 1, 1), image=None):
    return [
        make_news_page(index, f"News item {n}", day=start + timedelta(days=n), image=image, revision=False)
        for n in range(count)
    ]
