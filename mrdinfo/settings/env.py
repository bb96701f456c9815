"""Small helpers for reading settings from the environment (12-factor)."""

import os

from django.core.exceptions import ImproperlyConfigured


def env_str(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_int(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_list(name, default=""):
    """A comma-separated list, e.g. ALLOWED_HOSTS=mrdinfo.org.uk,www.mrdinfo.org.uk."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_required(name, hint):
    """Production settings refuse to start without these, and say which is missing."""
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} is not set. {hint}")
    return value
