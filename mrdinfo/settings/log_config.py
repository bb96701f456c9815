"""Logging (base.py imports it): one plain line per event with the visitor's address, and an
outage reported once a minute, not once per request. Test and production settings adjust levels."""

from typing import Any

from .env import env_str

LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    # client_ip: the visitor's address of the request being answered (core/operations/client_address.py), or "-".
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(client_ip)s]: %(message)s"}},
    "filters": {
        "client_address": {"()": "mrdinfo.core.operations.client_address.ClientAddressLogFilter"},
        # During an outage: one line a minute about it, not one per request.
        "once_a_minute": {"()": "mrdinfo.core.operations.resilience.OncePerInterval", "interval": 60},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["client_address"]},
        "console_once_a_minute": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["client_address", "once_a_minute"],
        },
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},  # one line per task run is noise at INFO
        "mrdinfo.cache": {"handlers": ["console_once_a_minute"], "propagate": False},
    },
}
