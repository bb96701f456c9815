"""The news index and the page cache (core/caching/page_cache.py): the parameter the list reads (`page`)
gives each page of results its own copy; parameters it does not read share the copy they would
get without them and store nothing new."""

import pytest

from mrdinfo.core.caching.tests.test_page_cache import stored_page_count
from mrdinfo.news.tests.factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def news_index(page_tree):
    index = NewsIndexPageFactory(parent=page_tree["home"])
    NewsPageFactory.create_dated_batch(12, parent=index)
    return index


def test_the_page_parameter_varies_the_copy_and_junk_shares_it(client, news_index):
    first = client.get("/news/")
    second = client.get("/news/?page=2")
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "miss")
    assert first.content != second.content  # page 2 lists other stories
    copies = stored_page_count()
    for url, copy in (
        ("/news/?page=2", second),
        ("/news/?junk=1&page=2", second),
        ("/news/?page=2&utm_source=x", second),
        ("/news/?junk=abc", first),
        ("/news/?junk=def&other=1", first),
    ):
        response = client.get(url)
        assert response["X-Cache"] == "hit", url
        assert response.content == copy.content, url
    assert stored_page_count() == copies
    assert client.get("/news/?page=1")["X-Cache"] == "miss"  # a value the list reads: its own copy
