"""Count the database queries a request costs, to hold pages to a constant budget."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(client, url):
    """Return (number of queries, response) for a GET of url."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    return len(ctx.captured_queries), response


def query_log(ctx):
    return "\n".join(q["sql"][:200] for q in ctx.captured_queries)
