"""Count the database queries a request costs, to hold pages to a constant budget."""

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse


def page_cache_bypass() -> dict[str, str]:
    """Headers that have a page rendered afresh instead of served from the page cache."""
    return {"X-Page-Cache-Bypass": settings.PAGE_CACHE_BYPASS_TOKEN}


def count_queries(client: Client, url: str, page_cache: bool = False) -> tuple[int, "_MonkeyPatchedWSGIResponse"]:
    """Return (number of queries, response) for a GET of url. The page is rendered (the page
    cache is bypassed) unless page_cache is true: a budget is about what a render costs."""
    headers = {} if page_cache else page_cache_bypass()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, headers=headers)
    return len(ctx.captured_queries), response


def query_log(ctx: CaptureQueriesContext) -> str:
    return "\n".join(q["sql"][:200] for q in ctx.captured_queries)
