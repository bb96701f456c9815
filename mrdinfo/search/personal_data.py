"""Search terms in the register of personal data (core/records/personal_data.py): what people type in
the search box is counted for editors (Wagtail's search terms, our searches with no results),
and parents may type a name into it."""

from datetime import datetime

from django.db.models import Max, Q

from mrdinfo.core.records.personal_data import Period, PersonalData, register


def _prune(cutoff: datetime) -> int:
    from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

    from .models import NoResultSearch

    removed = NoResultSearch.objects.filter(last_searched__lt=cutoff).delete()[0]
    removed += QueryDailyHits.objects.filter(date__lt=cutoff.date()).delete()[0]
    # A term with no counted searches left goes too, unless editors promote pages for it.
    stale = Query.objects.annotate(last=Max("daily_hits__date")).filter(
        Q(last__isnull=True) | Q(last__lt=cutoff.date())
    )
    removed += stale.filter(editors_picks__isnull=True).delete()[0]
    return removed


def _find(email: str) -> list[object]:
    from wagtail.contrib.search_promotions.models import Query

    from .models import NoResultSearch

    needle = email.strip()
    found: list[object] = list(NoResultSearch.objects.filter(query_string__icontains=needle))
    return found + list(Query.objects.filter(query_string__icontains=needle, editors_picks__isnull=True))


def _erase(items: list[object]) -> int:
    for item in items:
        item.delete()  # type: ignore[attr-defined]
    return len(items)


def register_personal_data() -> None:
    register(
        PersonalData(
            key="search-terms",
            what="What you type in our search box",
            holds="The words searched for and how often; not who searched",
            lawful_basis="Legitimate interests: finding out what parents look for and cannot find",
            period=Period(6, "months", "the last time anyone searched for them"),
            on_erasure="Search terms that contain the email address are deleted",
            fields={
                "site_search.NoResultSearch": ("query_string",),
                "wagtailsearchpromotions.Query": ("query_string",),
                "wagtailsearchpromotions.QueryDailyHits": ("query", "date"),  # how often the words were searched
            },
            find=_find,
            erase=_erase,
            prune=_prune,
            order=90,
        )
    )
