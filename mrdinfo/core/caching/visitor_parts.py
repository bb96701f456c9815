"""The parts of a cached page that are each visitor's own: a form's CSRF token and spam time stamp.

A page with a form is the same for everyone except for a few hidden inputs. When the page cache
(page_cache.py) stores such a page, `take_out()` replaces the value of each registered hidden
input with a marker; whenever the copy is served, `put_in()` writes a fresh value for this
visitor in its place. So a form page costs about what any cached page costs, and two visitors
of one cached copy never share a token.

- The CSRF token (Django's `csrfmiddlewaretoken`) is registered here. A copy that holds one is
  served through Django's own CsrfViewMiddleware (`with_csrf()`), so the visitor gets the token
  that matches their `csrftoken` cookie (set when they have none), and it is sent
  `private, no-store`. A render that put its token anywhere else (`leaks_csrf_token()`) is
  never stored.
- Apps register their own hidden inputs with `register_field(name, make)`: the forms app
  registers its signed time stamp (forms/spam.py), which the contact form and "Was this page
  helpful?" both carry."""

import re
from collections.abc import Callable
from functools import cache
from typing import cast

from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.middleware.csrf import (  # type: ignore[attr-defined]  # Django's own unmasking, as its checks use
    CsrfViewMiddleware,
    _unmask_cipher_token,
    get_token,
)

CSRF_FIELD = "csrfmiddlewaretoken"
MARKER = "@@mrdinfo-visitor-part:{name}@@"

_makers: dict[str, Callable[[HttpRequest], str]] = {CSRF_FIELD: get_token}
# 64 letters and digits on their own: the shape of a masked CSRF token.
TOKEN_SHAPED = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")


def register_field(name: str, make: Callable[[HttpRequest], str]) -> None:
    """Give each visitor of a cached page a fresh value, `make(request)`, for every hidden input
    called `name` (registering a name again replaces the function)."""
    _makers[name] = make
    _pattern.cache_clear()


def marker(name: str) -> bytes:
    return MARKER.format(name=name).encode()


@cache
def _pattern() -> re.Pattern[bytes]:
    names = b"|".join(re.escape(name.encode()) for name in _makers)
    return re.compile(rb'(<input\b[^>]*?\bname="(' + names + rb')"[^>]*?\bvalue=")([^"]*)(")')


def take_out(body: bytes) -> tuple[bytes, tuple[str, ...]]:
    """The body with every registered input's value replaced by its marker, and the names found."""
    found: list[str] = []

    def replace(match: re.Match[bytes]) -> bytes:
        name = match.group(2).decode()
        if name not in found:
            found.append(name)
        return match.group(1) + marker(name) + match.group(4)

    return _pattern().sub(replace, body), tuple(found)


def put_in(request: HttpRequest, body: bytes, names: tuple[str, ...]) -> bytes:
    for name in names:
        body = body.replace(marker(name), _makers[name](request).encode())
    return body


def leaks_csrf_token(request: HttpRequest, body: bytes) -> bool:
    """Does the body (with the inputs taken out) still hold this visitor's CSRF secret, or a token
    made from it (a {% csrf_token %}-less use of get_token, say in a data attribute)?"""
    secret = request.META.get("CSRF_COOKIE")
    if not secret:
        return False
    if secret.encode() in body:
        return True
    return any(_unmask_cipher_token(match.group().decode()) == secret for match in TOKEN_SHAPED.finditer(body))


def with_csrf(request: HttpRequest, respond: Callable[[HttpRequest], HttpResponse]) -> HttpResponseBase:
    """`respond(request)` inside Django's CSRF middleware: it reads the visitor's cookie before
    and sets one afterwards if `get_token` had to make a new secret."""
    return cast(HttpResponseBase, CsrfViewMiddleware(respond)(request))  # sync: never an awaitable
