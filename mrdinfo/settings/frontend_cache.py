"""The CDN or caching proxy in front of the site, purged when content changes
(core/caching/), configured from the environment. Each backend is on only when its variables
are set; with none set, nothing is purged (and nothing needs to be).

| variables | backend |
|---|---|
| `FRONTEND_CACHE_PURGE_URL` (e.g. `http://varnish:6081`) | HTTP `PURGE` requests (Varnish, nginx, Fastly-style) |
| `CLOUDFLARE_ZONE_ID` and `CLOUDFLARE_BEARER_TOKEN` (or `CLOUDFLARE_EMAIL` + `CLOUDFLARE_API_KEY`) | Cloudflare |
| `CLOUDFRONT_DISTRIBUTION_ID` (AWS credentials from the usual AWS variables; needs boto3) | Amazon CloudFront |
| `FRONTEND_CACHE_HOSTNAMES` (optional, comma-separated) | only purge these hosts |
"""

import importlib.util

from django.core.exceptions import ImproperlyConfigured

from .env import env_list, env_str


def frontend_cache_backends():
    backends = {}
    hostnames = env_list("FRONTEND_CACHE_HOSTNAMES")
    limit = {"HOSTNAMES": hostnames} if hostnames else {}

    purge_url = env_str("FRONTEND_CACHE_PURGE_URL")
    if purge_url:
        backends["http"] = {
            "BACKEND": "mrdinfo.core.caching.purge_backends.TimedHTTPBackend",  # Wagtail's, with a timeout
            "LOCATION": purge_url,
            **limit,
        }

    zone = env_str("CLOUDFLARE_ZONE_ID")
    if zone:
        credentials = {"BEARER_TOKEN": env_str("CLOUDFLARE_BEARER_TOKEN")}
        if not credentials["BEARER_TOKEN"]:
            credentials = {"EMAIL": env_str("CLOUDFLARE_EMAIL"), "API_KEY": env_str("CLOUDFLARE_API_KEY")}
            if not all(credentials.values()):
                raise ImproperlyConfigured(
                    "CLOUDFLARE_ZONE_ID is set: set CLOUDFLARE_BEARER_TOKEN (or CLOUDFLARE_EMAIL and "
                    "CLOUDFLARE_API_KEY) too."
                )
        backends["cloudflare"] = {
            "BACKEND": "mrdinfo.core.caching.purge_backends.TimedCloudflareBackend",
            "ZONEID": zone,
            **credentials,
            **limit,
        }

    distribution = env_str("CLOUDFRONT_DISTRIBUTION_ID")
    if distribution:
        if importlib.util.find_spec("boto3") is None:
            raise ImproperlyConfigured("CLOUDFRONT_DISTRIBUTION_ID is set, but boto3 is not installed.")
        backends["cloudfront"] = {
            "BACKEND": "mrdinfo.core.caching.purge_backends.TimedCloudfrontBackend",
            "DISTRIBUTION_ID": distribution,
            **limit,
        }
    return backends
