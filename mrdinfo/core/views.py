import logging

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponseServerError, JsonResponse
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@csrf_exempt
@never_cache
@require_safe
def healthz(request):
    """For load balancers: 200 when the database and the cache both answer, 503 when either
    does not. The body says which, so an operator can tell at a glance."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except Exception as error:  # any driver error means "not serving"
        logger.warning("healthz: database check failed: %s", error)
        checks["database"] = "error"
    try:
        cache.set("healthz", "ok", timeout=10)
        checks["cache"] = "ok" if cache.get("healthz") == "ok" else "error"
    except Exception as error:
        logger.warning("healthz: cache check failed: %s", error)
        checks["cache"] = "error"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503)


def server_error(request, *args, **kwargs):
    """The 500 page needs no database, no cache and no request context: whatever broke the
    page must not break the error page too."""
    return HttpResponseServerError(loader.get_template("500.html").render())
