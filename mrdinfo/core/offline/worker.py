"""The service worker's script: its settings (`const OFFLINE = {...};`) above service-worker.js.

The settings carry the content generation, so every content change (and every deploy, which
starts a new generation) changes the script's bytes: browsers check the script on each visit
(it is sent `no-cache` and registered with updateViaCache "none"), install the new one, and it
saves fresh copies of what the parent had saved and deletes the old ones. `version` names the
worker's cache: a digest of the whole script, so new code with the same content also starts afresh."""

import functools
import hashlib
import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse

from mrdinfo.core import caching
from mrdinfo.core.offline import registry

SOURCE = Path(__file__).with_name("service-worker.js")


@functools.cache
def _cached_source() -> str:
    return SOURCE.read_text()


def source() -> str:
    return SOURCE.read_text() if settings.DEBUG else _cached_source()


def worker_url() -> str:
    return reverse("service_worker")


def settings_for(request: HttpRequest) -> dict[str, Any]:
    """What the worker needs to know, worked out once per content generation and site address
    (the page lists cost queries; an update check on every visit must not)."""

    def build() -> dict[str, Any]:
        return {
            "offlinePage": reverse("offline_page"),
            "guide": {"pages": registry.guide_pages(request), "openedFrom": registry.guide_opened_from(request)},
            "neverSave": registry.never_saved(request, worker_url()),
            "assets": [settings.STATIC_URL, settings.MEDIA_URL],
            # The words the worker puts in: {date} and {datetime} are the day the copy was taken.
            "note": render_to_string("core/offline/note.html").strip(),
            "savedOn": render_to_string("core/offline/saved_on.html").strip(),
            "listClass": "offline-page__saved",
        }

    parts = (request.scheme, request.get_host())
    return {"generation": caching.generation(), **caching.cached_fragment("offline-worker", parts, build)}


def script(request: HttpRequest) -> str:
    config = settings_for(request)
    code = source()
    digest = hashlib.sha256((json.dumps(config, sort_keys=True) + code).encode()).hexdigest()[:12]
    config["version"] = digest
    return f"const OFFLINE = {json.dumps(config, indent=1, sort_keys=True)};\n\n{code}"
