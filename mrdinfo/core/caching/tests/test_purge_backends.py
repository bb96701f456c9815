"""The CDN purge backends give up in bounded time: a cache server or CDN API that accepts and
never answers costs the task worker about ATTEMPTS x FRONTEND_CACHE_TIMEOUT seconds per batch,
not Wagtail's 30-60 s per request (or for ever); failures are logged, answers are retried."""

import json
import logging
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from mrdinfo.core.caching import purge_backends
from mrdinfo.testing.outages import TcpSwitch

TIMEOUT = 1  # seconds per attempt in these tests (production: FRONTEND_CACHE_TIMEOUT, 5)
BOUND = purge_backends.ATTEMPTS * TIMEOUT + 2  # every attempt, the back-off, and slack


@pytest.fixture(autouse=True)
def short_timeout(settings):
    settings.FRONTEND_CACHE_TIMEOUT = TIMEOUT


@pytest.fixture
def hung():
    switch = TcpSwitch(mode="hang")
    yield f"http://127.0.0.1:{switch.port}"
    switch.close()


class ScriptedServer:
    """Answers each request with the next (status, JSON body) of its script, the last one for
    ever after; keeps every request's method, path and body."""

    def __init__(self, script):
        self.script, self.requests = list(script), []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def answer(self):
                length = int(self.headers.get("Content-Length") or 0)
                server.requests.append((self.command, self.path, self.rfile.read(length)))
                status, body = server.script.pop(0) if len(server.script) > 1 else server.script[0]
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_POST = do_PURGE = answer  # http.server calls do_<METHOD>

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def cloudflare(endpoint):
    backend = purge_backends.TimedCloudflareBackend({"ZONEID": "zone", "BEARER_TOKEN": "token"})
    backend.cloudflare_purge_endpoint_url = endpoint + "/client/v4/zones/zone/purge_cache"
    return backend


def timed(call):
    started = time.monotonic()
    call()
    return time.monotonic() - started


def test_http_purges_stop_at_a_hung_cache_server_and_say_so(hung, caplog):
    backend = purge_backends.TimedHTTPBackend({"LOCATION": hung})
    urls = [f"https://mrdinfo.example.org/page-{n}/" for n in range(40)]
    with caplog.at_level(logging.ERROR, logger="wagtail.frontendcache"):
        elapsed = timed(lambda: backend.purge_batch(urls))
    # One URL's attempts, then the rest are given up: not 40 x the timeout.
    assert elapsed < BOUND, f"{elapsed:.1f} s"
    assert "Couldn't purge 'https://mrdinfo.example.org/page-0/'" in caplog.text
    assert "Gave up purging 39 more URLs" in caplog.text


def test_http_purges_go_on_when_the_cache_server_answers():
    server = ScriptedServer([(404, {}), (200, {})])  # a page it never held, then one it did
    try:
        backend = purge_backends.TimedHTTPBackend({"LOCATION": server.url})
        backend.purge_batch(["https://mrdinfo.example.org/a/", "https://mrdinfo.example.org/b/"])
    finally:
        server.close()
    assert [(method, path) for method, path, _ in server.requests] == [("PURGE", "/a/"), ("PURGE", "/b/")]


def test_cloudflare_gives_up_on_a_hung_api_within_the_bound_and_logs(hung, caplog):
    backend = cloudflare(hung)
    with caplog.at_level(logging.ERROR, logger="wagtail.frontendcache"):
        elapsed = timed(lambda: backend.purge_batch(["https://mrdinfo.example.org/news/"]))
    assert elapsed < BOUND, f"{elapsed:.1f} s"  # Wagtail's own backend waits 30 s, then raises
    assert "Couldn't purge 1 URLs (first 'https://mrdinfo.example.org/news/') from Cloudflare" in caplog.text


def test_cloudflare_retries_a_busy_answer_then_purges(caplog):
    server = ScriptedServer([(503, {"success": False}), (200, {"success": True, "errors": []})])
    try:
        with caplog.at_level(logging.ERROR, logger="wagtail.frontendcache"):
            cloudflare(server.url).purge_batch(["https://mrdinfo.example.org/news/"])
    finally:
        server.close()
    assert len(server.requests) == 2
    assert json.loads(server.requests[1][2]) == {"files": ["https://mrdinfo.example.org/news/"]}
    assert caplog.text == ""


def test_cloudflare_reports_its_own_refusal(caplog):
    server = ScriptedServer([(200, {"success": False, "errors": [{"message": "Invalid zone"}]})])
    try:
        with caplog.at_level(logging.ERROR, logger="wagtail.frontendcache"):
            cloudflare(server.url).purge_batch(["https://mrdinfo.example.org/news/"])
    finally:
        server.close()
    assert len(server.requests) == 1  # an answer, not a failure: not sent again
    assert "from Cloudflare: Invalid zone" in caplog.text


def test_cloudfront_gives_up_on_a_hung_api_within_the_bound(hung, caplog, monkeypatch):
    import boto3

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    backend = purge_backends.TimedCloudfrontBackend({"DISTRIBUTION_ID": "E123"})
    # The backend's own client settings (timeouts, attempts), aimed at the hung server.
    backend.client = boto3.client("cloudfront", endpoint_url=hung, config=backend.client.meta.config)
    with caplog.at_level(logging.ERROR, logger="wagtail.frontendcache"):
        elapsed = timed(lambda: backend.purge_batch(["https://mrdinfo.example.org/news/"]))
    assert elapsed < BOUND + 1, f"{elapsed:.1f} s"  # botocore's defaults: 60 s a try, 3 or more tries
    assert "Couldn't purge" in caplog.text


def test_the_settings_choose_these_backends_for_each_cdn(monkeypatch):
    from mrdinfo.settings.frontend_cache import frontend_cache_backends

    monkeypatch.setenv("FRONTEND_CACHE_PURGE_URL", "http://varnish:6081")
    monkeypatch.setenv("CLOUDFLARE_ZONE_ID", "zone")
    monkeypatch.setenv("CLOUDFLARE_BEARER_TOKEN", "token")
    monkeypatch.setenv("CLOUDFRONT_DISTRIBUTION_ID", "E123")
    chosen = {name: backend["BACKEND"].rsplit(".", 1)[1] for name, backend in frontend_cache_backends().items()}
    assert chosen == {
        "http": "TimedHTTPBackend",
        "cloudflare": "TimedCloudflareBackend",
        "cloudfront": "TimedCloudfrontBackend",
    }
