"""The parts of a cached page that are each visitor's own: a form's CSRF token and spam time stamp.

A page with a form is the same for everyone except for a few hidden inputs. When the page cache
(page_cache.py) stores such a page, `take_out()` cuts the body where the value of each registered
hidden input goes; whenever the copy is served, `put_in()` joins the pieces around a fresh value
for this visitor. So a form page costs about what any cached page costs, and two visitors
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
from typing import NamedTuple, cast

from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.middleware.csrf import (  # type: ignore[attr-defined]  # Django's own unmasking, as its checks use
    CsrfViewMiddleware,
    _unmask_cipher_token,
    get_token,
)

CSRF_FIELD = "csrfmiddlewaretoken"

_makers: dict[str, Callable[[HttpRequest], str]] = {CSRF_FIELD: get_token}
# 64 letters and digits on their own: the shape of a masked CSRF token.
TOKEN_SHAPED = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")


def register_field(name: str, make: Callable[[HttpRequest], str]) -> None:
    """Give each visitor of a cached page a fresh value, `make(request)`, for every hidden input
    called `name` (registering a name again replaces the function)."""
    _makers[name] = make
    _pattern.cache_clear()


@cache
def _pattern() -> re.Pattern[bytes]:
    names = b"|".join(re.escape(name.encode()) for name in _makers)
    return re.compile(rb'(<input\b[^>]*?\bname="(' + names + rb')"[^>]*?\bvalue=")([^"]*)(")')


class Holes(NamedTuple):
    """A body cut where each visitor's own values go: `pieces[0]`, a value for `slots[0]`,
    `pieces[1]`, ... Cut once when the copy is stored, so serving it joins bytes instead of
    searching a 60 KB page for markers on every hit."""

    pieces: tuple[bytes, ...]
    slots: tuple[str, ...]

    @property
    def names(self) -> frozenset[str]:
        return frozenset(self.slots)

    def without_values(self) -> bytes:
        return b"".join(self.pieces)


def take_out(body: bytes) -> Holes:
    """The body cut at the value of every registered input (the values dropped)."""
    pieces: list[bytes] = []
    slots: list[str] = []
    start = 0
    for match in _pattern().finditer(body):
        pieces.append(body[start : match.end(1)])
        slots.append(match.group(2).decode())
        start = match.start(4)
    pieces.append(body[start:])
    return Holes(tuple(pieces), tuple(slots))


def put_in(request: HttpRequest, holes: Holes) -> bytes:
    """The body with this visitor's values: one fresh value per name, wherever the name appears."""
    if not holes.slots:
        return holes.pieces[0]
    values = {name: _makers[name](request).encode() for name in dict.fromkeys(holes.slots)}
    joined = [holes.pieces[0]]
    for slot, piece in zip(holes.slots, holes.pieces[1:], strict=True):
        joined += (values[slot], piece)
    return b"".join(joined)


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
