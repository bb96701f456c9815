"""Page weight: what a phone on weak hospital wifi has to download for a page's HTML, CSS and
JS, compressed as WhiteNoise serves them (gzip; brotli is smaller still)."""

import gzip
from typing import Any

from bs4 import BeautifulSoup

from django.contrib.staticfiles import finders
from django.test import Client

from mrdinfo.core.offline import worker as offline_worker

SERVICE_WORKER = "service worker"


class MeasuringError(Exception):
    """A page that cannot be weighed: it does not answer 200, or links to a file that is missing.
    Raised (not asserted), so the check holds under `python -O` too."""


def linked_assets(html: str) -> list[str]:
    """The stylesheets and scripts a page loads from /static/, wherever they are in the page."""
    soup = BeautifulSoup(html, "html.parser")
    urls: list[Any] = [
        link.get("href", "") for link in soup.find_all("link") if "stylesheet" in (link.get("rel") or [])
    ]
    urls += [script.get("src", "") for script in soup.find_all("script")]
    return sorted({url.split("?")[0].split("#")[0] for url in urls if url.startswith("/static/")})


def gzipped_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9))


def page_weight(client: Client, url: str) -> dict[str, int]:
    """Return {"html": bytes, "/static/…": bytes, …, "total": bytes}, all gzipped."""
    response = client.get(url)
    if response.status_code != 200:
        raise MeasuringError(f"{url} answered {response.status_code}, not 200")
    return weight_of(response.content, url)


def weight_of(html: bytes, url: str) -> dict[str, int]:
    """The gzipped sizes of a page's HTML (bytes) and of the CSS and JS it links to, as page_weight."""
    sizes = {"html": gzipped_size(html)}
    for asset in linked_assets(html.decode()):
        path = finders.find(asset.removeprefix("/static/"))
        if not path:
            raise MeasuringError(f"{asset} is linked from {url} but not found")
        with open(path, "rb") as handle:
            sizes[asset] = gzipped_size(handle.read())
    if registers_service_worker(html.decode()):
        # The offline-reading worker (core/offline) is downloaded once a page registers it: its
        # code counts, as the brief asks (its settings, a few hundred bytes more, depend on the site).
        sizes[SERVICE_WORKER] = gzipped_size(offline_worker.source().encode())
    sizes["total"] = sum(sizes.values())
    return sizes


def registers_service_worker(html: str) -> bool:
    return BeautifulSoup(html, "html.parser").find("script", attrs={"data-service-worker": True}) is not None
