"""Offline reading: the service worker that keeps the guide and the pages a parent opens on their
device (README "Offline reading").

Core knows no domain app, so the pages to keep come from Wagtail hooks that apps register
(registry.py): the guide's pages, the pages whose opening saves the guide, and the paths never
saved. worker.py builds the worker's script (its settings, with the content generation, above
service-worker.js), views.py serves it at /service-worker.js and the offline page at /offline/,
and {% offline_reading %} (core/templatetags/offline_tags.py) registers it from base.html."""

from mrdinfo.core.offline.registry import GUIDE_OPENED_FROM_HOOK, GUIDE_PAGES_HOOK, NEVER_SAVE_HOOK

__all__ = ["GUIDE_OPENED_FROM_HOOK", "GUIDE_PAGES_HOOK", "NEVER_SAVE_HOOK"]
