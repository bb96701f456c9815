import logging
import secrets
import sys
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from mrdinfo.core.operations.resilience import is_database_unavailable

logger = logging.getLogger(__name__)


@csrf_exempt
@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers. 503 only when the database cannot be reached (this instance cannot
    serve pages); a cache that does not answer makes it "degraded" but still 200, because pages
    are served without the cache (core/operations/resilience.py) and taking every instance out of the load
    balancer for a cache outage would turn a slowdown into downtime. The body says which part
    failed, so an operator can tell at a glance."""
    checks = {"database": database_status(), "cache": cache_status()}
    if checks["database"] != "ok":
        status, code = "error", 503
    elif checks["cache"] != "ok":
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    return JsonResponse({"status": status, **checks}, status=code)


def database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # noqa: BLE001  any driver error means "not serving"
        logger.warning("healthz: database check failed: %s", error)
        return "error"
    return "ok"


def cache_status() -> str:
    # The cache ignores its own errors (a miss), so ask for a value just written: a cache that
    # is down or hung does not give it back.
    probe = secrets.token_hex(8)
    try:
        cache.set("healthz", probe, timeout=10)
        if cache.get("healthz") == probe:
            return "ok"
    except Exception as error:  # noqa: BLE001  any cache error means "degraded"
        logger.warning("healthz: cache check failed: %s", error)
    return "error"


RETRY_AFTER_SECONDS = 30


def server_error(request: HttpRequest | None, *args: Any, **kwargs: Any) -> HttpResponse:
    """The 500 page needs no database, no cache and no request context: whatever broke the
    page must not break the error page too.

    Django calls this while handling the exception, so sys.exc_info() says what went wrong. A
    database that cannot be reached gives 503 with Retry-After, which tells a load balancer and
    a visitor that it is temporary. A form being sent (POST) gets wording that does not claim
    nothing was lost: its message may not have been saved."""
    error = sys.exc_info()[1]
    sending = request is not None and request.method == "POST"
    context = {"sending": sending}
    if error is not None and is_database_unavailable(error):
        response = HttpResponse(loader.get_template("503.html").render(context), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponseServerError(loader.get_template("500.html").render(context))


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: the site's own page (within the CSP, no inline style), saying plainly that
    the form was not sent and how to send it again. Django's reason is logged, not shown."""
    logger.warning("CSRF check failed for %s: %s", request.path, reason)
    return HttpResponse(loader.render_to_string("403_csrf.html", request=request), status=403)
