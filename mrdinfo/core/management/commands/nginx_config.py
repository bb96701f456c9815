"""`manage.py nginx_config`: the generator lives in mrdinfo/core/operations/nginx_config.py."""

from mrdinfo.core.operations.nginx_config import Command

__all__ = ["Command"]
