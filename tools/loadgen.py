"""A small HTTP load generator for `make bench` when wrk is not installed.

    python tools/loadgen.py URL SECONDS CONNECTIONS < headers.json

Each connection is a thread sending GETs one after another for SECONDS (a new TCP connection
per request when the server closes it, as gunicorn's sync workers do). Prints JSON: requests
per second, p50 and p99 latency in milliseconds, and errors (failed requests or a status of
400 or more). Being Python, it tops out at a few thousand requests a second: use wrk to
measure anything faster."""

import http.client
import json
import sys
import threading
import time
from urllib.parse import urlsplit


def worker(url, headers, stop_at, latencies, errors):
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    connection = None
    while time.monotonic() < stop_at:
        started = time.perf_counter()
        try:
            if connection is None:
                connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            if response.status >= 400:
                errors.append(response.status)
            if response.getheader("Connection", "").lower() == "close" or response.will_close:
                connection.close()
                connection = None
        except OSError:
            errors.append("connection")
            connection = None
            continue
        latencies.append(time.perf_counter() - started)


def percentile(values, fraction):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main():
    url, seconds, connections = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
    headers = json.loads(sys.stdin.read() or "{}")
    latencies, errors = [], []
    started = time.monotonic()
    stop_at = started + seconds
    threads = [
        threading.Thread(target=worker, args=(url, headers, stop_at, latencies, errors)) for _ in range(connections)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    result = {
        "rate": len(latencies) / elapsed,
        "p50": percentile(latencies, 0.50) * 1000,
        "p99": percentile(latencies, 0.99) * 1000,
        "errors": len(errors),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
