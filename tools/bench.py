"""`make bench`: how fast the site answers under load, as production runs it.

Starts gunicorn with production settings on the embedded SQLite database (or DATABASE_URL /
REDIS_URL when set), with the content loaded and static files collected, warms it, then loads
four addresses in turn, for the same fixed time each, with concurrent connections:

  static     the hashed main.css (WhiteNoise): the ceiling for this machine
  cached     "What is MRD?" from the page cache
  uncached   the same page rendered afresh (the page cache bypassed with the operator header)
  form       the contact page (a form: never cached)

It uses wrk when installed (apt-get install wrk), otherwise tools/loadgen.py (Python, slower:
on a small machine it can be the bottleneck for the static file). It prints requests per second,
p50 and p99 latency and errors for each, and the cached/static and uncached/static ratios.

Settings (environment): BENCH_SECONDS (10), BENCH_CONNECTIONS (8), BENCH_WORKERS (2),
BENCH_PORT (8099), BENCH_DIR (.bench: database, static files, logs), BENCH_PAGE, BENCH_FORM,
BENCH_TOOL (wrk or python), BENCH_PROJECT (another checkout to measure, e.g. before a change)."""

import http.client
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = Path(os.environ.get("BENCH_PROJECT", HERE.parent)).resolve()
PYTHON = Path(sys.executable)
WORKDIR = Path(os.environ.get("BENCH_DIR", HERE.parent / ".bench")).resolve()
SECONDS = float(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
PORT = int(os.environ.get("BENCH_PORT", "8099"))
PAGE = os.environ.get("BENCH_PAGE", "/understanding-mrd/what-is-mrd/")
FORM = os.environ.get("BENCH_FORM", "/contact/")
BYPASS_TOKEN = secrets.token_urlsafe(16)
HEADERS = {"Host": "localhost", "X-Forwarded-Proto": "https"}  # as the HTTPS proxy sends


def environment():
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="mrdinfo.settings.production",
        SECRET_KEY="bench-only-" + secrets.token_urlsafe(40),
        ALLOWED_HOSTS="localhost,127.0.0.1",
        STATIC_ROOT=str(WORKDIR / "static"),
        MEDIA_ROOT=str(WORKDIR / "media"),
        PAGE_CACHE_BYPASS_TOKEN=BYPASS_TOKEN,
        LOG_LEVEL="WARNING",
    )
    if not os.environ.get("DATABASE_URL"):
        env["SQLITE_PATH"] = str(WORKDIR / "db.sqlite3")
    return env


def manage(env, *args):
    print(f"  manage.py {' '.join(args)}", flush=True)
    result = subprocess.run(  # noqa: S603 - our own manage.py
        [str(PYTHON), "manage.py", *args], cwd=PROJECT, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")


def get(path, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    connection.request("GET", path, headers={**HEADERS, **(headers or {})})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


def start_gunicorn(env):
    log = open(WORKDIR / "gunicorn.log", "w")  # noqa: SIM115 - closed with the process
    command = [str(PYTHON.parent / "gunicorn"), "mrdinfo.wsgi", "--bind", f"127.0.0.1:{PORT}"]
    command += ["--workers", str(WORKERS), "--log-level", "warning"]
    process = subprocess.Popen(command, cwd=PROJECT, env=env, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if get("/healthz")[0].status == 200:
                return process, log
        except OSError:
            time.sleep(0.3)
    process.terminate()
    sys.exit("gunicorn did not start; see " + str(WORKDIR / "gunicorn.log"))


def stylesheet_url():
    response, body = get(PAGE)
    if response.status != 200:
        sys.exit(f"{PAGE} answered {response.status}")
    match = re.search(rb'<link rel="stylesheet" href="([^"]+main[^"]*\.css)"', body)
    if not match:
        sys.exit(f"No main.css link on {PAGE}")
    return match.group(1).decode()


def run_wrk(path, headers):
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{max(1, int(SECONDS))}s", "--latency", "--timeout", "10s"]
    for name, value in {**HEADERS, **headers}.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run(  # noqa: S603 - wrk or loadgen.py on our own server
        [*command, f"http://127.0.0.1:{PORT}{path}"], capture_output=True, text=True, check=True
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", output, re.MULTILINE))
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", output))
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    return {"rate": rate, "p50": wrk_ms(latency.get("50")), "p99": wrk_ms(latency.get("99")), "errors": errors}


def wrk_ms(text):
    if not text:
        return float("nan")
    number, unit = re.match(r"([\d.]+)(\w+)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def run_python(path, headers):
    output = subprocess.run(  # noqa: S603 - wrk or loadgen.py on our own server
        [str(PYTHON), str(HERE / "loadgen.py"), f"http://127.0.0.1:{PORT}{path}", str(SECONDS), str(CONNECTIONS)],
        input=json.dumps({**HEADERS, **headers}),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(output)


def main():
    WORKDIR.mkdir(parents=True, exist_ok=True)
    tool = os.environ.get("BENCH_TOOL") or ("wrk" if shutil.which("wrk") else "python")
    load = run_wrk if tool == "wrk" else run_python
    env = environment()
    print(f"Setting up {PROJECT} in {WORKDIR} (production settings)", flush=True)
    manage(env, "migrate", "--noinput")
    manage(env, "load_content")
    manage(env, "collectstatic", "--noinput")
    process, log = start_gunicorn(env)
    try:
        bypass = {"X-Page-Cache-Bypass": BYPASS_TOKEN}
        targets = [
            ("static", stylesheet_url(), {}),
            ("cached", PAGE, {}),
            ("uncached", PAGE, bypass),
            ("form", FORM, {}),
        ]
        for name, path, headers in targets:  # warm: every worker, every cache
            for _ in range(WORKERS * 5):
                response, _body = get(path, headers)
            print(f"  {name:9} {path}  {response.status}  X-Cache: {response.getheader('X-Cache', '-')}")
        print(
            f"\nLoad: {tool}, {CONNECTIONS} connections, {SECONDS:g} s each, gunicorn {WORKERS} workers, "
            f"{os.cpu_count()} CPUs\n",
            flush=True,
        )
        results = {}
        print(f"{'target':10}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'errors':>8}")
        for name, path, headers in targets:
            results[name] = result = load(path, headers)
            print(
                f"{name:10}{result['rate']:>10.1f}{result['p50']:>10.2f}{result['p99']:>10.2f}{result['errors']:>8}",
                flush=True,
            )
        static = results["static"]["rate"] or float("nan")
        print(f"\ncached / static   = {results['cached']['rate'] / static:.1%}")
        print(f"uncached / static = {results['uncached']['rate'] / static:.1%}")
        print(f"form / static     = {results['form']['rate'] / static:.1%}")
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:  # a loaded machine: do not leave it running
            process.kill()
            process.wait()
        log.close()


if __name__ == "__main__":
    main()
