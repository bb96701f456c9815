"""Searches that found nothing, counted, so editors can see what parents look for and cannot find
(Reports → Searches with no results). Popular searches are Wagtail's own search terms report
(wagtail.contrib.search_promotions), which the search view also feeds."""

from django.db import models
from django.db.models import F
from django.utils import timezone

from wagtail.search.utils import MAX_QUERY_STRING_LENGTH, normalise_query_string


class NoResultSearch(models.Model):
    query_string = models.CharField(max_length=MAX_QUERY_STRING_LENGTH, unique=True)
    hits = models.PositiveIntegerField(default=0)
    last_searched = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-hits", "query_string"]
        verbose_name = "search with no results"
        verbose_name_plural = "searches with no results"

    def __str__(self) -> str:
        return self.query_string

    @classmethod
    def record(cls, query_string: str) -> None:
        normalised = normalise_query_string(query_string)[:MAX_QUERY_STRING_LENGTH]
        if not normalised:
            return
        updated = cls.objects.filter(query_string=normalised).update(hits=F("hits") + 1, last_searched=timezone.now())
        if not updated:
            cls.objects.get_or_create(query_string=normalised, defaults={"hits": 1})
