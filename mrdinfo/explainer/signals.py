"""A page's search entry holds the words of the explainers it shows (ExplainerBlock's
searchable content). When an explainer is published or unpublished, refresh the entries of
the pages that show it, found through Wagtail's reference index."""

from django.contrib.contenttypes.models import ContentType

from wagtail.models import Page, ReferenceIndex
from wagtail.search.index import insert_or_update_object
from wagtail.signals import published, unpublished

from .models import Explainer


def reindex_pages_showing(sender, instance, **kwargs):
    page_type = ContentType.objects.get_for_model(Page)
    page_ids = (
        ReferenceIndex.get_references_to(instance)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
        .distinct()
    )
    for page in Page.objects.live().filter(pk__in=[int(pk) for pk in page_ids]).specific():
        insert_or_update_object(page)


published.connect(reindex_pages_showing, sender=Explainer, dispatch_uid="explainer-reindex-on-publish")
unpublished.connect(reindex_pages_showing, sender=Explainer, dispatch_uid="explainer-reindex-on-unpublish")
