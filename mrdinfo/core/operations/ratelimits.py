"""Per-IP rate limits for public forms, counted in the shared cache (Redis in production), so
every app server counts the same visitor together. Built on django-ratelimit's is_ratelimited.

For any public form (a page's serve() or a view), count only submissions (POST):

    from mrdinfo.core.operations.ratelimits import form_rate_limited
    if form_rate_limited(request, "newsletter"):
        ...  # show the form again with what was typed, status 429 (RATE_LIMITED_MESSAGE)

or decorate a function view: `@limit_form_posts("newsletter")` answers 429 with Retry-After.

The rate is FORM_RATE_LIMIT (settings; "10/10m" = ten submissions per ten minutes per IP
address, per form group). The address is core/client_address.client_ip (django-ratelimit's
RATELIMIT_IP_META_KEY): worked out once per request, trusting only the configured proxy's
header (CLIENT_IP_HEADER, CLIENT_IP_TRUSTED_PROXIES). If the cache is down the
limit is not applied (RATELIMIT_FAIL_OPEN): losing a parent's message is worse than letting a
burst through while Redis is away, and the honeypot and time checks still apply.

`over_limit(request, group, value, rate)` counts tries by any value (an IP address, or an email
address, hashed so no address is a cache key), for limits of an app's own: giving's per-donor
and the newsletter's per-subscriber limits (their ratelimits.py).
"""

import hashlib
import logging
from collections.abc import Callable
from functools import wraps
from typing import Any

from django_ratelimit.core import get_usage, is_ratelimited

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase

logger = logging.getLogger(__name__)
View = Callable[..., HttpResponseBase]

RATE_LIMITED_MESSAGE = (
    "You have sent this form several times in a short time. Please wait ten minutes and send it again."
)
RETRY_AFTER_SECONDS = 600


def form_rate_limited(request: HttpRequest, group: str, rate: str | None = None) -> bool:
    """True when this address has sent more than the rate allows; counts this submission."""
    if request.method != "POST":
        return False
    return is_ratelimited(
        request,
        group=f"form:{group}",
        key="ip",
        rate=rate or settings.FORM_RATE_LIMIT,
        method="POST",
        increment=True,
    )


def limit_form_posts(group: str, rate: str | None = None) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if form_rate_limited(request, group, rate):
                response = HttpResponse(RATE_LIMITED_MESSAGE, status=429, content_type="text/plain; charset=utf-8")
                response["Retry-After"] = str(RETRY_AFTER_SECONDS)
                return response
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def over_limit(request: HttpRequest, group: str, value: Any, rate: str) -> bool:
    """Count one try for `value` (an IP or an email) under `group`; True once past `rate`. If the
    cache cannot count, the try is let through (and the log says so)."""
    digest = hashlib.sha256(str(value).strip().lower().encode()).hexdigest()  # no emails as cache keys
    try:
        usage = get_usage(request, group=group, key=lambda _group, _request: digest, rate=rate, increment=True)
    except Exception:
        logger.exception("Rate limit %s could not be counted; allowing the request", group)
        return False
    return bool(usage and usage["should_limit"])
