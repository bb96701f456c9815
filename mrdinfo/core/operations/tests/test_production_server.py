"""The real thing: gunicorn serving production settings after migrate, load_content and
collectstatic, as the README tells an operator to do. Checks the headers a browser sees,
WhiteNoise's compressed, long-cached static files, and /healthz with a database or cache down."""

import http.client
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from django.conf import settings

from mrdinfo.testing import prepared_site

BIN = Path(sys.executable).parent
ENV_FROM_TEST_RUN = {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(workdir, **extra):
    env = {k: v for k, v in os.environ.items() if k not in ENV_FROM_TEST_RUN}
    env.update(
        DJANGO_SETTINGS_MODULE="mrdinfo.settings.production",
        SECRET_KEY="production-server-test-" + "k" * 40,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SQLITE_PATH=str(workdir / "db.sqlite3"),
        STATIC_ROOT=str(workdir / "static"),
        MEDIA_ROOT=str(workdir / "media"),
    )
    env.update(extra)
    return env


def manage(env, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def request(port, path, headers=None, method="GET"):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request(method, path, headers={"Host": "localhost", **(headers or {})})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


class Gunicorn:
    def __init__(self, env, workdir):
        self.port = free_port()
        self.log = open(workdir / f"gunicorn-{self.port}.log", "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [str(BIN / "gunicorn"), "mrdinfo.wsgi", "--bind", f"127.0.0.1:{self.port}", "--workers", "2"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 90  # a busy CI machine can take half a minute to boot Django
        while time.monotonic() < deadline:
            try:
                request(self.port, "/healthz")
                return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("gunicorn did not start: " + (workdir / f"gunicorn-{self.port}.log").read_text())

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:  # a busy machine: do not leave it running
            self.process.kill()
            self.process.wait(timeout=10)
        self.log.close()


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    return tmp_path_factory.mktemp("production")


@pytest.fixture(scope="module")
def production_server(workdir):
    # migrate, load_content and collectstatic, run once for every drill (testing/prepared_site.py)
    prepared_site.copy_sqlite_site(workdir)
    env = production_env(workdir)
    server = Gunicorn(env, workdir)
    yield server.port
    server.stop()


HTTPS = {"X-Forwarded-Proto": "https"}


def test_home_page_and_admin_login_are_served(production_server):
    response, body = request(production_server, "/", HTTPS)
    assert response.status == 200
    assert b"Understanding MRD" in body
    response, body = request(production_server, "/admin/login/", HTTPS)
    assert response.status == 200 and b"Sign in" in body


def test_https_only_headers_and_cookies(production_server):
    response, _ = request(production_server, "/", HTTPS)
    assert response.getheader("Strict-Transport-Security") == "max-age=31536000; includeSubDomains; preload"
    csp = response.getheader("Content-Security-Policy")
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert response.getheader("Referrer-Policy") == "strict-origin-when-cross-origin"
    assert "camera=()" in response.getheader("Permissions-Policy")
    response, _ = request(production_server, "/admin/login/", HTTPS)
    cookie = response.getheader("Set-Cookie")
    assert "csrftoken=" in cookie and "Secure" in cookie


def test_plain_http_is_redirected_except_the_health_check(production_server):
    response, _ = request(production_server, "/")
    assert response.status == 301 and response.getheader("Location") == "https://localhost/"
    response, body = request(production_server, "/healthz")
    assert response.status == 200 and b'"status": "ok"' in body


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_static_files_are_hashed_compressed_and_cached_for_years(production_server, encoding):
    _, body = request(production_server, "/", HTTPS)
    css_url = re.search(rb'href="(/static/css/main\.[0-9a-f]{12}\.css)"', body).group(1).decode()
    response, compressed = request(production_server, css_url, {**HTTPS, "Accept-Encoding": encoding})
    plain_response, plain = request(production_server, css_url, HTTPS)
    assert response.status == 200
    assert response.getheader("Content-Encoding") == encoding
    assert len(compressed) < len(plain) / 2
    assert "max-age=315360000" in response.getheader("Cache-Control")
    assert "immutable" in response.getheader("Cache-Control")


def test_health_check_fails_when_the_database_is_down(production_server, workdir):
    # Port 9 (discard) has nothing listening here: the same as a stopped server.
    server = Gunicorn(production_env(workdir, DATABASE_URL="postgres://postgres@127.0.0.1:9/none"), workdir)
    try:
        response, body = request(server.port, "/healthz")
    finally:
        server.stop()
    assert response.status == 503
    assert b'"database": "error"' in body and b'"status": "error"' in body


def test_health_check_says_degraded_but_serves_when_the_cache_is_down(production_server, workdir):
    # Pages are served without the cache, so the instance stays in the load balancer.
    server = Gunicorn(production_env(workdir, REDIS_URL="redis://127.0.0.1:9/0"), workdir)
    try:
        response, body = request(server.port, "/healthz")
    finally:
        server.stop()
    assert response.status == 200
    assert b'"cache": "error"' in body and b'"status": "degraded"' in body
