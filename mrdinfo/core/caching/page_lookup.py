"""What the page cache holds for a page, and finding it for a request: shared by the page
cache middleware (page_cache.py), which also renders and stores, and the WSGI entrance
(early_hits.py), which answers the plain hits before Django handles the request at all."""

from typing import NamedTuple

from django.core.cache import cache
from django.http import HttpRequest, QueryDict

from mrdinfo.core import caching
from mrdinfo.core.caching import query_reads, visitor_parts

from .page_keys import Values, page_key, reads_key, significant_pairs, values_for


class StoredPage(NamedTuple):
    """What the cache holds for a page."""

    generation: int | None  # the content generation it was rendered under
    purge: int | None  # the purge generation (caching.PURGE_KEY)
    status: int
    headers: list[tuple[str, str]]
    body: visitor_parts.Holes  # cut where the per-visitor parts go (visitor_parts.py)
    reads: frozenset[str]  # the query parameters the render read (query_reads.ALL: all)
    values: Values  # their values in the request it was rendered for


class Lookup(NamedTuple):
    key: str
    stored: StoredPage | None
    generation: int | None
    purge: int | None
    changed_at: float | None
    reads: frozenset[str] | None  # the names this path is known to read (None: not known)

    def copy_applies(self, query: QueryDict) -> bool:
        """The stored copy may answer this request, now or stale: nothing took the page away
        since it was stored (the purge generation), and it was rendered with this request's
        values of every parameter it read."""
        stored = self.stored
        return stored is not None and stored.purge == self.purge and stored.values == values_for(query, stored.reads)

    @property
    def is_current(self) -> bool:
        """Rendered under the content as it is now (else it is stale)."""
        return self.stored is not None and self.stored.generation == self.generation


def look_up(request: HttpRequest) -> Lookup:
    """One round trip for a plain address (the generations and the copy together), two when
    the query string has parameters (first the names the path reads)."""
    state = [caching.generation_key(), caching.purge_key(), caching.changed_at_key()]
    query = request.GET
    has_query = bool(significant_pairs(query))
    first = reads_key(request) if has_query else page_key(request, ())
    found = cache.get_many([*state, first])
    generation = found.get(state[0])
    purge = found.get(state[1])
    if generation is None:
        generation = caching.generation()
    if purge is None:
        purge = caching.purge_generation()
    reads = None
    if has_query:
        reads = found.get(first)
        values = values_for(query, reads if reads is not None else {query_reads.ALL})
        key = page_key(request, values)
        stored = cache.get(key)
    else:
        key, stored = first, found.get(first)
    return Lookup(key, stored, generation, purge, found.get(state[2]), reads)
