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
Static and cached are measured interleaved (BENCH_ROUNDS short rounds each, alternating), so a
change in the machine's other load moves both alike and their ratio stays meaningful.

With wrk it then runs two more loads at BENCH_HEAVY_CONNECTIONS (64):
  form at 64          the contact page (served from the page cache with each visitor's tokens)
  publish under load  a mix of pages for BENCH_PUBLISH_SECONDS (30) while a page is published
                      every BENCH_PUBLISH_EVERY (5) seconds (each publish moves the content
                      generation on, so every page is out of date at once)
and checks the targets: cached/static >= 0.95; form and publish p99 < 1 s with no errors and
no timeouts, and says which were missed (BENCH_CHECK=1: and exits non-zero).

Settings (environment): BENCH_SECONDS (10), BENCH_CONNECTIONS (8), BENCH_WORKERS (2),
BENCH_PORT (8099), BENCH_DIR (.bench: database, static files, logs), BENCH_PAGE, BENCH_FORM,
BENCH_TOOL (wrk or python), BENCH_PROJECT (another checkout to measure, e.g. before a change),
BENCH_ROUNDS (3), BENCH_HEAVY_CONNECTIONS (64), BENCH_PUBLISH_SECONDS (30), BENCH_PUBLISH_EVERY
(5), BENCH_MIX (the publish run's pages, comma-separated), BENCH_CHECK (0)."""

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
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
HEAVY = int(os.environ.get("BENCH_HEAVY_CONNECTIONS", "64"))
PUBLISH_SECONDS = float(os.environ.get("BENCH_PUBLISH_SECONDS", "30" if SECONDS >= 10 else "6"))
PUBLISH_EVERY = float(os.environ.get("BENCH_PUBLISH_EVERY", "5"))
MIX = os.environ.get(
    "BENCH_MIX",
    "/,/understanding-mrd/,/understanding-mrd/what-is-mrd/,/understanding-mrd/questions-to-ask/,"
    "/news/,/events/,/contact/,/about/,/understanding-mrd/what-is-mrd/?junk=1",
).split(",")
CHECK = os.environ.get("BENCH_CHECK", "0") == "1"
BYPASS_TOKEN = secrets.token_urlsafe(16)
# Publishes a page (a new revision of the About page, its content unchanged) every few seconds.
PUBLISHER = """
import os, time
from wagtail.models import Page
page = Page.objects.get(url_path__endswith="/about/").specific
end = time.monotonic() + float(os.environ["BENCH_PUBLISH_SECONDS"])
count = 0
while time.monotonic() < end:
    page.save_revision().publish()
    count += 1
    time.sleep(float(os.environ["BENCH_PUBLISH_EVERY"]))
print(count)
"""
# wrk: each connection takes the next address of the mix in turn.
MIX_SCRIPT = """
local paths = {%s}
local i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
"""
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


def run_wrk(path, headers, connections=None, seconds=None, script=None):
    connections = connections or CONNECTIONS
    seconds = seconds or SECONDS
    command = ["wrk", "-t2", f"-c{connections}", f"-d{max(1, int(seconds))}s", "--latency", "--timeout", "10s"]
    for name, value in {**HEADERS, **headers}.items():
        command += ["-H", f"{name}: {value}"]
    if script:
        command += ["-s", script]
    output = subprocess.run(  # noqa: S603 - wrk or loadgen.py on our own server
        [*command, f"http://127.0.0.1:{PORT}{path}"], capture_output=True, text=True, check=True
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    total = int(re.search(r"(\d+) requests in", output).group(1))
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", output, re.MULTILINE))
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", output))
    timeouts = 0
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    if socket_errors:
        connect, read, write, timeouts = (int(n) for n in socket_errors.groups())
        errors += connect + read + write
    return {
        "rate": rate,
        "requests": total,
        "p50": wrk_ms(latency.get("50")),
        "p99": wrk_ms(latency.get("99")),
        "errors": errors,
        "timeouts": timeouts,
    }


def interleaved(load, targets):
    """Static and cached in alternating short rounds: requests and time summed per target."""
    totals = {name: {"requests": 0, "p50": [], "p99": [], "errors": 0} for name, _, _ in targets}
    round_seconds = max(1.0, SECONDS / ROUNDS)
    for _ in range(ROUNDS):
        for name, path, headers in targets:
            result = load(path, headers, seconds=round_seconds) if load is run_wrk else load(path, headers)
            total = totals[name]
            total["requests"] += result.get("requests", result["rate"] * round_seconds)
            total["p50"].append(result["p50"])
            total["p99"].append(result["p99"])
            total["errors"] += result["errors"]
    return {
        name: {
            "rate": total["requests"] / (round_seconds * ROUNDS),
            "p50": sorted(total["p50"])[len(total["p50"]) // 2],
            "p99": max(total["p99"]),
            "errors": total["errors"],
        }
        for name, total in totals.items()
    }


def publish_under_load(env):
    """The mix at HEAVY connections while a page is published every PUBLISH_EVERY seconds."""
    script = WORKDIR / "mix.lua"
    script.write_text(MIX_SCRIPT % ", ".join(json.dumps(path) for path in MIX))
    publisher = subprocess.Popen(  # noqa: S603 - our own manage.py
        [str(PYTHON), "manage.py", "shell", "--no-imports", "-c", PUBLISHER],
        cwd=PROJECT,
        env={**env, "BENCH_PUBLISH_SECONDS": str(PUBLISH_SECONDS), "BENCH_PUBLISH_EVERY": str(PUBLISH_EVERY)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(3)  # let the publisher start (Django set-up) so publishes fall inside the load
    try:
        result = run_wrk("/", {}, connections=HEAVY, seconds=PUBLISH_SECONDS, script=str(script))
    finally:
        out, err = publisher.communicate(timeout=PUBLISH_SECONDS + 60)
    result["publishes"] = int(out.strip().splitlines()[-1]) if out.strip() else 0
    if publisher.returncode:
        result["publisher_failed"] = True
        print(err, file=sys.stderr)
    return result


def print_row(name, result):
    timeouts = result.get("timeouts", 0)
    print(
        f"{name:19}{result['rate']:>10.1f}{result['p50']:>10.2f}{result['p99']:>10.2f}"
        f"{result['errors']:>8}{timeouts:>10}",
        flush=True,
    )


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
    if "SQLITE_PATH" in env and HERE.parent == PROJECT:
        # The SQLite site as migrate, load_content and collectstatic leave it, built once and
        # shared with the drills (mrdinfo/testing/prepared_site.py): CI builds it only once.
        sys.path.insert(0, str(PROJECT))
        from mrdinfo.testing import prepared_site

        print("  manage.py migrate, load_content, collectstatic (mrdinfo/testing/prepared_site.py)", flush=True)
        prepared_site.copy_sqlite_site(WORKDIR)
    else:
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
        results = interleaved(load, targets[:2])
        for name, path, headers in targets[2:]:
            results[name] = load(path, headers)
        print(f"{'target':19}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'errors':>8}{'timeouts':>10}")
        for name in ("static", "cached", "uncached", "form"):
            print_row(name, results[name])
        static = results["static"]["rate"] or float("nan")
        ratio = results["cached"]["rate"] / static
        print(f"\ncached / static   = {ratio:.1%}  (interleaved, {ROUNDS} rounds each; target >= 95%)")
        print(f"uncached / static = {results['uncached']['rate'] / static:.1%}")
        print(f"form / static     = {results['form']['rate'] / static:.1%}")
        missed = [] if ratio >= 0.95 else [f"cached/static {ratio:.1%} < 95%"]
        if tool == "wrk":
            print(f"\nAt {HEAVY} connections:")
            heavy = run_wrk(FORM, {}, connections=HEAVY)
            print_row(f"form at {HEAVY}", heavy)
            published = publish_under_load(env)
            print_row("publish under load", published)
            print(
                f"  ({len(MIX)} addresses in turn for {PUBLISH_SECONDS:g} s, {published['publishes']} publishes, "
                f"one every {PUBLISH_EVERY:g} s; {published['requests']} requests)"
            )
            expected = int(PUBLISH_SECONDS // PUBLISH_EVERY)
            if published.get("publisher_failed") or (expected and published["publishes"] < expected - 1):
                # A run with a publish or more missing (or a publisher that failed: a SQLite writer
                # that found the database locked, say) measured an ordinary load: not a pass.
                missed.append(f"publish under load: {published['publishes']} publishes, {expected} expected")
            for name, result in ((f"form at {HEAVY}", heavy), ("publish under load", published)):
                if result["p99"] >= 1000 or result["errors"] or result["timeouts"]:
                    missed.append(
                        f"{name}: p99 {result['p99']:.0f} ms, {result['errors']} errors, {result['timeouts']} timeouts"
                    )
        if missed:
            print("\nMissed: " + "; ".join(missed))
            if CHECK:
                raise SystemExit(1)
        else:
            print("\nEvery target met.")
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
