"""The visitor's address, worked out once per request by ClientAddressMiddleware and used by
every rate limit (core/operations/ratelimits.py: the forms', giving's and the newsletter's), the admin
sign-in lockout (django-axes: AXES_CLIENT_IP_CALLABLE) and the app's log lines.

The header a proxy sets (CLIENT_IP_HEADER, e.g. X-Real-IP or X-Forwarded-For) is believed only
when the request comes from a configured proxy (CLIENT_IP_TRUSTED_PROXIES: addresses or
networks, loopback by default); from anywhere else anyone could write it, so REMOTE_ADDR is
used. The header is read by django-ipware, which parses addresses (IPv4, IPv6, ports,
brackets) and proxy chains: the address taken is the one the trusted proxy saw, i.e. the
right-most entry, or CLIENT_IP_PROXY_COUNT entries before it when a CDN in front of the proxy
adds its own. Anything the visitor wrote to the left of it is ignored."""

import contextvars
import ipaddress
import logging
from collections.abc import Callable
from functools import lru_cache

from ipware import get_client_ip

from django.conf import settings
from django.http import HttpRequest
from django.http.response import HttpResponseBase

ATTRIBUTE = "client_ip"
UNKNOWN = "0.0.0.0"  # noqa: S104 - a rate-limit key, not a bind address
_current: contextvars.ContextVar[str] = contextvars.ContextVar("client_ip", default="-")

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def trusted_networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def from_trusted_proxy(remote_addr: str) -> bool:
    try:
        address = ipaddress.ip_address(remote_addr)
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    networks = trusted_networks(tuple(settings.CLIENT_IP_TRUSTED_PROXIES))
    return any(address.version == network.version and address in network for network in networks)


def meta_key(header: str) -> str:
    return "HTTP_" + header.upper().replace("-", "_")


def resolve(request: HttpRequest) -> str:
    """REMOTE_ADDR, or the address in CLIENT_IP_HEADER when a trusted proxy sent the request."""
    remote = request.META.get("REMOTE_ADDR") or ""
    header = settings.CLIENT_IP_HEADER
    if header and from_trusted_proxy(remote):
        address, _routable = get_client_ip(
            request,
            proxy_count=settings.CLIENT_IP_PROXY_COUNT,
            request_header_order=[meta_key(header)],
            strict=False,
        )
        if address:
            return address
    return remote or UNKNOWN


def client_ip(request: HttpRequest) -> str:
    """The visitor's address (set by the middleware; worked out here for a request that did not
    pass through it, e.g. one built in a test)."""
    address = getattr(request, ATTRIBUTE, None)
    if not address:
        address = resolve(request)
        setattr(request, ATTRIBUTE, address)
    return address


class ClientAddressMiddleware:
    """First in MIDDLEWARE: every later part (page cache, limits, axes, logs) sees the address."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        address = resolve(request)
        setattr(request, ATTRIBUTE, address)
        token = _current.set(address)
        try:
            return self.get_response(request)
        finally:
            _current.reset(token)


class ClientAddressLogFilter(logging.Filter):
    """Adds %(client_ip)s to log records: the address of the request being answered, or "-"."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.client_ip = _current.get()
        return True
