"""Background tasks of the information app (django-tasks; the database worker in production)."""

from django_tasks import task


@task()
def build_booklet(hub_id):
    """Build the hub's booklet for the current content (booklet_cache.py), unless it is built."""
    from . import booklet_cache
    from .models import TopicIndexPage

    hub = TopicIndexPage.objects.live().filter(pk=hub_id).first()
    if hub is not None and booklet_cache.cached(hub) is None:
        booklet_cache.get_or_build(hub)
