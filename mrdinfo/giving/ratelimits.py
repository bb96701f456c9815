"""Rate limits per IP address and per email address, counted in the shared cache (Redis in
production), so the limit holds across gunicorn workers and servers.

django-ratelimit does the counting (cache.add then cache.incr, atomic in Redis). It is used as a
library, not an installed app: its system check would refuse the local-memory cache that a
one-machine SQLite set-up uses, where a per-process count is the best there is."""

import hashlib
import logging

from django_ratelimit.core import get_usage

from django.conf import settings

from mrdinfo.core.operations.client_address import client_ip

logger = logging.getLogger(__name__)
DEFAULT_RATES = {
    "donation-ip": "20/h",
    "donation-email": "6/h",
    "newsletter-ip": "20/h",
    "newsletter-email": "3/h",
}


def rate(name):
    return getattr(settings, "GIVING_RATE_LIMITS", {}).get(name, DEFAULT_RATES[name])


def over_limit(request, name, value):
    """Count one try for `value` (an IP or an email) under `name`; True once past the limit."""
    digest = hashlib.sha256(str(value).strip().lower().encode()).hexdigest()  # no emails as cache keys
    try:
        usage = get_usage(
            request, group=f"giving:{name}", key=lambda _group, _request: digest, rate=rate(name), increment=True
        )
    except Exception:
        # The cache is down. A gift matters more than a limit: let it through, and say so in the logs.
        logger.exception("Rate limit %s could not be counted; allowing the request", name)
        return False
    return bool(usage and usage["should_limit"])


def limited(request, kind, email=""):
    """True if this IP, or this email address, has tried `kind` too often."""
    ip_limited = over_limit(request, f"{kind}-ip", client_ip(request))
    email_limited = bool(email) and over_limit(request, f"{kind}-email", email)
    return ip_limited or email_limited
