"""Staying up when a part fails.

- The cache (Redis) is an accelerator, never a dependency: django-redis ignores its errors
  (IGNORE_EXCEPTIONS, settings/base.py), so a failure is a cache miss. Short socket timeouts bound
  a hung Redis, and CircuitBreakerConnection stops this process asking a Redis that just failed
  for CACHE_RETRY_SECONDS, so a page that reads the cache ten times pays one timeout, not ten.
  After that it tries again by itself: no restart needed.
- OncePerInterval keeps the log readable during an outage: one line per interval, not one per
  request, with a count of what it held back.
- A database that cannot be reached is a 503 with Retry-After (core/views.server_error), so a
  load balancer and a visitor both know to come back, and a connect timeout keeps it fast.
"""

import logging
import threading
import time
from typing import Any

from redis.connection import AbstractConnection, Connection, ConnectionPool
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from django.conf import settings
from django.db import InterfaceError, OperationalError

logger = logging.getLogger("mrdinfo.cache")


class CacheCircuit:
    """Per process: after a failure, skip Redis for a few seconds instead of waiting on it."""

    def __init__(self) -> None:
        self.open_until = 0.0
        self.lock = threading.Lock()

    @property
    def retry_seconds(self) -> float:
        return getattr(settings, "CACHE_RETRY_SECONDS", 5)

    def check(self) -> None:
        if time.monotonic() < self.open_until:
            raise RedisConnectionError("Redis failed a moment ago; not asking again yet")

    def trip(self, error: BaseException) -> None:
        with self.lock:
            self.open_until = time.monotonic() + self.retry_seconds
        logger.warning("Cache unavailable, serving without it for %ss: %s", self.retry_seconds, error)

    def close(self) -> None:
        self.open_until = 0.0

    @property
    def is_open(self) -> bool:
        return time.monotonic() < self.open_until


cache_circuit = CacheCircuit()
REDIS_FAILURES = (RedisConnectionError, RedisTimeoutError, OSError)


class CircuitBreakerConnection(Connection):
    """redis-py's TCP connection, refusing at once while the circuit is open and opening it
    on any connection error or timeout (connect, send or read)."""

    def connect_check_health(self, *args: Any, **kwargs: Any) -> Any:
        cache_circuit.check()
        try:
            return super().connect_check_health(*args, **kwargs)
        except REDIS_FAILURES as error:
            cache_circuit.trip(error)
            raise

    def send_packed_command(self, *args: Any, **kwargs: Any) -> Any:
        cache_circuit.check()
        try:
            return super().send_packed_command(*args, **kwargs)
        except REDIS_FAILURES as error:
            cache_circuit.trip(error)
            raise

    def read_response(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().read_response(*args, **kwargs)
        except REDIS_FAILURES as error:
            cache_circuit.trip(error)
            raise


class CircuitBreakerConnectionPool(ConnectionPool):
    """django-redis's CONNECTION_POOL_CLASS: plain TCP connections get the circuit breaker."""

    def __init__(self, connection_class: type[AbstractConnection] = Connection, **kwargs: Any) -> None:
        if connection_class is Connection:
            connection_class = CircuitBreakerConnection
        super().__init__(connection_class=connection_class, **kwargs)


class OncePerInterval(logging.Filter):
    """Lets one record per logger and message through every `interval` seconds; the next one
    that passes says how many were held back."""

    def __init__(self, interval: float = 60) -> None:
        super().__init__()
        self.interval = float(interval)
        self.last: dict[tuple[str, Any], float] = {}
        self.held: dict[tuple[str, Any], int] = {}
        self.lock = threading.Lock()

    def filter(self, record: logging.LogRecord) -> bool:
        key = (record.name, record.msg)
        now = time.monotonic()
        with self.lock:
            if now - self.last.get(key, -self.interval) < self.interval:
                self.held[key] = self.held.get(key, 0) + 1
                return False
            self.last[key] = now
            held = self.held.pop(key, 0)
        if held:
            record.msg = f"{record.msg} ({held} more like this in the last {self.interval:.0f}s)"
        return True


def is_database_unavailable(error: BaseException) -> bool:
    """OperationalError and InterfaceError mean the database could not be reached or dropped
    the connection (not a bug in a query), so the right answer is 503, not 500."""
    return isinstance(error, OperationalError | InterfaceError)
