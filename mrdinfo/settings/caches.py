"""The cache (Redis, or this process's memory), the page cache's timings and the CDN purge
backends (base.py imports them; README.md "Caching" explains each setting)."""

from typing import Any

from .env import env_bool, env_int, env_str
from .frontend_cache import frontend_cache_backends

# Cache: Redis when REDIS_URL is set (production, CI), otherwise this process's memory.
# The cache only makes pages faster: with Redis down or hung, a cache call is a miss after at most
# CACHE_SOCKET_TIMEOUT_MS, then Redis is left alone for CACHE_RETRY_SECONDS (core/operations/resilience.py).
REDIS_URL = env_str("REDIS_URL")
CACHE_RETRY_SECONDS = env_int("CACHE_RETRY_SECONDS", 5)
CACHES: dict[str, dict[str, Any]]
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "mrdinfo"),
            "TIMEOUT": env_int("CACHE_TIMEOUT", 60 * 60 * 24),
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": env_int("CACHE_SOCKET_TIMEOUT_MS", 250) / 1000,
                "SOCKET_TIMEOUT": env_int("CACHE_SOCKET_TIMEOUT_MS", 250) / 1000,
                "CONNECTION_POOL_CLASS": "mrdinfo.core.operations.resilience.CircuitBreakerConnectionPool",
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "mrdinfo",
            "TIMEOUT": env_int("CACHE_TIMEOUT", 60 * 60 * 24),
            # Room for every page and its fragments (the default, 300, would evict pages).
            "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 5000)},
        }
    }
# Ignored cache errors are logged by the circuit breaker (once per interval), not per call.
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = False

# The page cache (core/caching/page_cache.py) and CDN headers; README.md "Caching" explains each.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 60 * 60)
PAGE_CACHE_SHARED_SECONDS = env_int("PAGE_CACHE_SHARED_SECONDS", 5 * 60)
PAGE_CACHE_STALE_WHILE_REVALIDATE = env_int("PAGE_CACHE_STALE_WHILE_REVALIDATE", 60)
PAGE_CACHE_STALE_IF_ERROR = env_int("PAGE_CACHE_STALE_IF_ERROR", 60 * 60 * 24)
# After a content change, the older copy of a page is served while one request renders the new
# one, for at most this long after the change (core/caching/page_cache.py) ...
PAGE_CACHE_STALE_SECONDS = env_int("PAGE_CACHE_STALE_SECONDS", 30)
# ... and the render holds a lock in the shared cache for at most this long (a worker that dies
# mid-render lets another take over after it).
PAGE_CACHE_LOCK_SECONDS = env_int("PAGE_CACHE_LOCK_SECONDS", 10)
# Requests with the header `X-Page-Cache-Bypass: <this token>` are rendered fresh (make bench).
PAGE_CACHE_BYPASS_TOKEN = env_str("PAGE_CACHE_BYPASS_TOKEN")
WAGTAILFRONTENDCACHE = frontend_cache_backends()
