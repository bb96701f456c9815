"""Uploaded media on S3-compatible object storage, addressed on the site's own host.

Chosen in settings when AWS_STORAGE_BUCKET_NAME is set (README "Production"). Files are written
to and read from the bucket by every app server, so an image uploaded through one server is
found by the others. Their addresses are MEDIA_URL + the file's name (/media/images/x.jpg), not
the bucket's own: nginx fetches /media/ from the bucket (deploy/nginx/mrdinfo.conf), so pages
keep their strict CSP (img-src 'self'), no signed URL ever expires inside a cached page, and the
bucket can move without a change to any stored page.
"""

from typing import Any

from storages.backends.s3 import S3Storage
from storages.utils import clean_name

from django.conf import settings
from django.utils.encoding import filepath_to_uri


class MediaObjectStorage(S3Storage):
    def url(
        self,
        name: str,
        parameters: dict[str, Any] | None = None,
        expire: int | None = None,
        http_method: str | None = None,
    ) -> str:
        return settings.MEDIA_URL + filepath_to_uri(clean_name(name)).lstrip("/")
