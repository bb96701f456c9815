from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from mrdinfo.core.pages.chrome import get_site_chrome


def site_chrome(request: HttpRequest) -> dict[str, Any]:
    # Lazy: admin screens and JSON views never touch it, so they never pay for it.
    return {"chrome": SimpleLazyObject(lambda: get_site_chrome(request))}
