"""Rate limits on the donation form per IP address and per email address, counted in the shared
cache (Redis in production), so the limit holds across gunicorn workers and servers.

django-ratelimit does the counting (core/operations/ratelimits.over_limit: cache.add then
cache.incr, atomic in Redis). It is used as a library, not an installed app: its system check
would refuse the local-memory cache that a one-machine SQLite set-up uses, where a per-process
count is the best there is. If the cache is down, a gift matters more than a limit: it goes
through."""

from django.conf import settings

from mrdinfo.core.operations import ratelimits
from mrdinfo.core.operations.client_address import client_ip

DEFAULT_RATES = {
    "donation-ip": "20/h",
    "donation-email": "6/h",
}


def rate(name):
    return getattr(settings, "GIVING_RATE_LIMITS", {}).get(name, DEFAULT_RATES[name])


def over_limit(request, name, value):
    """Count one try for `value` (an IP or an email) under `name`; True once past the limit."""
    return ratelimits.over_limit(request, f"giving:{name}", value, rate(name))


def limited(request, kind, email=""):
    """True if this IP, or this email address, has tried `kind` too often."""
    ip_limited = over_limit(request, f"{kind}-ip", client_ip(request))
    email_limited = bool(email) and over_limit(request, f"{kind}-email", email)
    return ip_limited or email_limited
