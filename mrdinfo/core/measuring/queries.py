"""Count the database queries a request costs, to hold pages to a constant budget."""

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext


def page_cache_bypass():
    """Headers that have a page rendered afresh instead of served from the page cache."""
    return {"X-Page-Cache-Bypass": settings.PAGE_CACHE_BYPASS_TOKEN}


def count_queries(client, url, page_cache=False):
    """Return (number of queries, response) for a GET of url. The page is rendered (the page
    cache is bypassed) unless page_cache is true: a budget is about what a render costs."""
    headers = {} if page_cache else page_cache_bypass()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, headers=headers)
    return len(ctx.captured_queries), response


def query_log(ctx):
    return "\n".join(q["sql"][:200] for q in ctx.captured_queries)
