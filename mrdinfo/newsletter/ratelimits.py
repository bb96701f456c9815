"""Rate limits on the sign-up form per IP address and per email address, counted in the shared
cache (core/operations/ratelimits.over_limit), so they hold across workers and servers. Rates
from NEWSLETTER_RATE_LIMITS (settings), else these."""

from django.conf import settings

from mrdinfo.core.operations import ratelimits
from mrdinfo.core.operations.client_address import client_ip

DEFAULT_RATES = {
    "newsletter-ip": "20/h",
    "newsletter-email": "3/h",
}


def rate(name):
    return getattr(settings, "NEWSLETTER_RATE_LIMITS", {}).get(name, DEFAULT_RATES[name])


def over_limit(request, name, value):
    """Count one try for `value` (an IP or an email) under `name`; True once past the limit."""
    return ratelimits.over_limit(request, f"newsletter:{name}", value, rate(name))


def limited(request, email=""):
    """True if this IP, or this email address, has tried to sign up too often."""
    ip_limited = over_limit(request, "newsletter-ip", client_ip(request))
    email_limited = bool(email) and over_limit(request, "newsletter-email", email)
    return ip_limited or email_limited
