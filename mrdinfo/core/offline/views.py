"""/service-worker.js (at the root, so its scope is the whole site: WhiteNoise's hashed static
names cannot be there, and would change the worker's address on every deploy) and /offline/,
the page a parent sees for a page that is not saved."""

from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from mrdinfo.core.offline import registry, worker


@csrf_exempt  # a GET of a script: no token to set, so no cookie
@require_safe
def service_worker(request: HttpRequest) -> HttpResponseBase:
    response = HttpResponse(worker.script(request), content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    # Browsers and CDNs check it again on every visit (a changed generation must reach them at
    # once), and "no-cache" keeps it out of the page cache, whose stale copies would hold the
    # old generation for a while after a change.
    patch_cache_control(response, no_cache=True, max_age=0)
    # Checked on every page a parent opens: unchanged, it is a 304 with no body (on weak wifi).
    set_response_etag(response)
    return get_conditional_response(request, etag=response["ETag"], response=response) or response


@require_safe
def offline_page(request: HttpRequest) -> HttpResponse:
    return render(
        request, "core/offline/offline_page.html", {"guide_titles": registry.guide_start_page_titles(request)}
    )
