"""`make multiserver-load`: the two-instance deployment under load (not a CI test).

Sets up what core/operations/tests/test_multiserver.py runs (mrdinfo.testing.multiserver): a fresh
PostgreSQL database beside DATABASE_URL's, Redis at REDIS_URL, the content loaded, two gunicorn
instances started as deploy/systemd/mrdinfo-web@.service starts them (3 workers each) behind
nginx running deploy/nginx/mrdinfo.conf over TLS. Then wrk loads it through nginx:

  cached     several public pages in turn, from the shared page cache
  uncached   "What is MRD?" rendered afresh on every request (the operator's bypass header)

for LOAD_SECONDS (60) each at LOAD_CONNECTIONS (64), and prints requests per second, latency,
errors and timeouts, how the requests were spread over the two instances, and every worker's
resident memory after warming up and after each run. Workers are not recycled during the run
(--max-requests 0; the unit's own 2000 would hide a leak): the same processes are measured
before and after. Exits 1 if any request failed or timed out.

Needs DATABASE_URL (PostgreSQL), REDIS_URL, nginx and wrk (apt-get install nginx wrk).
Options (environment): LOAD_SECONDS, LOAD_CONNECTIONS, LOAD_STORAGE (disk or s3: moto),
MULTISERVER_PORT_BASE (8130)."""

import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mrdinfo.testing import multiserver as ms
from mrdinfo.testing import multiserver_browser as browser
from mrdinfo.testing import multiserver_s3 as object_storage

SECONDS = int(os.environ.get("LOAD_SECONDS", "60"))
CONNECTIONS = int(os.environ.get("LOAD_CONNECTIONS", "64"))
STORAGE = os.environ.get("LOAD_STORAGE", "disk")
CACHED_PAGES = [
    "/",
    "/understanding-mrd/",
    "/understanding-mrd/what-is-mrd/",
    "/understanding-mrd/remission/",
    "/understanding-mrd/the-mrd-test/",
    "/events/",
    "/news/",
    "/about/",
]
UNCACHED_PAGE = "/understanding-mrd/what-is-mrd/"
BYPASS_TOKEN = secrets.token_urlsafe(16)


def wrk(port, name, headers, paths, workdir, sample):
    script = workdir / f"{name}.lua"
    lua_paths = ", ".join(f'"{path}"' for path in paths)
    script.write_text(
        f"local paths = {{{lua_paths}}}\n"
        "local i = 0\n"
        "request = function()\n"
        "  i = i % #paths + 1\n"
        '  return wrk.format("GET", paths[i])\n'
        "end\n"
    )
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency", "--timeout", "30s", "-s", str(script)]
    for header, value in {"Host": ms.HOST, **headers}.items():
        command += ["-H", f"{header}: {value}"]
    process = subprocess.Popen(  # noqa: S603 - wrk against our own loopback nginx
        [*command, f"https://127.0.0.1:{port}/"], stdout=subprocess.PIPE, text=True
    )
    samples = []
    while process.poll() is None:  # workers' total memory every 10 s while the load runs
        time.sleep(10)
        if process.poll() is None:
            samples.append(round(sample()))
    output = process.stdout.read()
    assert process.returncode == 0, output
    (workdir / f"{name}.wrk.txt").write_text(output)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    connect, read, write, timeouts = (int(n) for n in socket_errors.groups()) if socket_errors else (0, 0, 0, 0)
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", output, re.MULTILINE))
    return {
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "rate": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": latency.get("50", "?"),
        "p99": latency.get("99", "?"),
        "non2xx": sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", output)),
        "socket_errors": connect + read + write,
        "timeouts": timeouts,
        "samples": samples,
    }


def memory(deployment):
    return {instance.port: instance.worker_rss() for instance in deployment.instances}


def total_memory(deployment):
    return sum(sum(instance.worker_rss().values()) for instance in deployment.instances)


def print_memory(label, sizes):
    for port, workers in sizes.items():
        described = ", ".join(f"{pid}: {rss:.0f}" for pid, rss in sorted(workers.items()))
        print(f"  {label:<16} instance :{port} workers (pid: MiB) {described}; total {sum(workers.values()):.0f} MiB")


def main():
    database, redis = os.environ.get("DATABASE_URL", ""), os.environ.get("REDIS_URL", "")
    if not database.startswith("postgres") or not redis.startswith("redis"):
        sys.exit("Set DATABASE_URL (PostgreSQL) and REDIS_URL: the deployment shares both.")
    for tool in ("wrk",):
        if not shutil.which(tool):
            sys.exit(f"{tool} is needed: apt-get install -y {tool}")
    if not ms.nginx_binary():
        sys.exit(ms.NGINX_MISSING)
    workdir = Path(os.environ.get("LOAD_DIR") or tempfile.mkdtemp(prefix="multiserver-load-"))
    workdir.mkdir(parents=True, exist_ok=True)
    print(f"Working in {workdir} ({STORAGE} storage, {SECONDS} s per run at {CONNECTIONS} connections)")
    database_url, admin_url, name = ms.fresh_postgres_database(database, "multiserver_load")
    s3 = deployment = None
    try:
        env = ms.deployment_env(
            workdir, database_url, redis, f"multiserver-load-{uuid.uuid4().hex[:8]}",
            PAGE_CACHE_BYPASS_TOKEN=BYPASS_TOKEN, LOG_LEVEL="WARNING",
        )  # fmt: skip
        (workdir / "media").mkdir(exist_ok=True)
        if STORAGE == "s3":
            s3 = object_storage.MotoS3(workdir).ready()
            env.update(s3.app_env())
        print("Setting up: migrate, collectstatic, load_content ...", flush=True)
        ms.manage_in_parallel(env, ["migrate", "--noinput"], ["collectstatic", "--noinput"])
        ms.manage(env, "load_content")
        deployment = ms.Deployment(env, workdir, STORAGE, workers=3, max_requests=0)
        port = deployment.nginx.https_port
        visitor = browser.Visitor("127.0.0.1")
        for _ in range(40):  # every worker of both instances builds its caches and imports
            for path in CACHED_PAGES:
                response = visitor.get(deployment.nginx, path)
                assert response.status == 200, (path, response.status)
            bypass = visitor.get(deployment.nginx, UNCACHED_PAGE, {"X-Page-Cache-Bypass": BYPASS_TOKEN})
            assert bypass.status == 200 and bypass.header("X-Cache") == "bypass", bypass.header("X-Cache")
        time.sleep(1)
        before = memory(deployment)
        counts_before = [instance.access_count() for instance in deployment.instances]
        results = {}
        print("Loading: cached pages ...", flush=True)
        sample = lambda: total_memory(deployment)  # noqa: E731
        results["cached"] = wrk(port, "cached", {}, CACHED_PAGES, workdir, sample)
        after_cached = memory(deployment)
        print("Loading: uncached page ...", flush=True)
        bypass = {"X-Page-Cache-Bypass": BYPASS_TOKEN}
        results["uncached"] = wrk(port, "uncached", bypass, [UNCACHED_PAGE], workdir, sample)
        after = memory(deployment)
        counts = [instance.access_count() - n for instance, n in zip(deployment.instances, counts_before, strict=True)]

        print(
            f"\n{'target':<10}{'requests':>10}{'req/s':>10}{'p50':>10}{'p99':>10}{'non-2xx':>9}{'socket':>8}{'timeouts':>9}"
        )
        for target, r in results.items():
            print(
                f"{target:<10}{r['requests']:>10}{r['rate']:>10.1f}{r['p50']:>10}{r['p99']:>10}"
                f"{r['non2xx']:>9}{r['socket_errors']:>8}{r['timeouts']:>9}"
            )
        print(f"\nRequests answered by each instance: {counts}")
        for target, r in results.items():
            print(f"All workers' memory every 10 s during {target}: {r['samples']} MiB")
        print("\nWorker memory (RSS):")
        print_memory("after warm-up", before)
        print_memory("after cached", after_cached)
        print_memory("after uncached", after)
        same = all(set(before[p]) == set(after[p]) for p in before)
        growth = sum(sum(w.values()) for w in after.values()) - sum(sum(w.values()) for w in before.values())
        print(f"  same worker processes throughout: {same}; total change {growth:+.1f} MiB")
        failed = sum(r["non2xx"] + r["socket_errors"] + r["timeouts"] for r in results.values())
        print(f"\n{'FAILED' if failed else 'OK'}: {failed} failed or timed-out requests. Logs: {workdir}")
        return 1 if failed else 0
    finally:
        if deployment:
            deployment.stop()
        if s3:
            s3.stop()
        ms.drop_postgres_database(admin_url, name)


if __name__ == "__main__":
    sys.exit(main())
