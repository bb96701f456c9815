"""Security headers that Django does not set itself.

- Content-Security-Policy (django-csp): public pages get the strict policy in settings
  (no inline script or style, nothing from other hosts). The Wagtail admin renders inline
  scripts and styles and previews pages in a same-origin frame, so it gets its own, looser
  policy (ADMIN_CONTENT_SECURITY_POLICY) instead of none at all.
- Permissions-Policy: turn off browser features no page uses."""

from collections.abc import Callable
from functools import cache

from csp.middleware import CSPMiddleware, PolicyParts

from django.conf import settings
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.urls import get_script_prefix, get_urlconf, reverse


@cache
def _admin_prefix(urlconf: str | None, script_prefix: str) -> str:
    return reverse("wagtailadmin_home", urlconf=urlconf)


def is_admin_path(path: str) -> bool:
    # Asked on every request, static files included; reversing costs more than serving a
    # cached page's headers, so the answer is kept per URL configuration.
    return path.startswith(_admin_prefix(get_urlconf(settings.ROOT_URLCONF), get_script_prefix()))


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only or parts.config is not None:
            return parts
        if is_admin_path(request.path_info):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY
        elif getattr(request, "is_preview", False):
            # Wagtail renders a preview as a request for the page's own URL, shown in a frame of
            # the admin: the public policy, but framing by this site allowed.
            parts.config = {**settings.CONTENT_SECURITY_POLICY["DIRECTIVES"], "frame-ancestors": ["'self'"]}
        return parts


class PermissionsPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
