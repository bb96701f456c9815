"""Page weight: what a phone on weak hospital wifi has to download for a page's HTML, CSS and
JS, compressed as WhiteNoise serves them (gzip; brotli is smaller still)."""

import gzip
import re

from django.contrib.staticfiles import finders

ASSET_PATTERN = re.compile(r'<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="(/static/[^"?#]+)"')


def gzipped_size(data):
    return len(gzip.compress(data, compresslevel=9))


def page_weight(client, url):
    """Return {"html": bytes, "/static/…": bytes, …, "total": bytes}, all gzipped."""
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content
    sizes = {"html": gzipped_size(html)}
    for asset in sorted(set(ASSET_PATTERN.findall(html.decode()))):
        path = finders.find(asset.removeprefix("/static/"))
        assert path, f"{asset} is linked from {url} but not found"
        with open(path, "rb") as handle:
            sizes[asset] = gzipped_size(handle.read())
    sizes["total"] = sum(sizes.values())
    return sizes
