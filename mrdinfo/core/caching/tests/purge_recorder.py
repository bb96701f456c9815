"""A frontend-cache backend for tests: it records the URLs it is asked to purge."""

from wagtail.contrib.frontend_cache.backends.base import BaseBackend


class RecordingBackend(BaseBackend):
    purged = []

    def purge(self, url):
        self.purged.append(url)
