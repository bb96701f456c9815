"""Wagtail's purge backends with a timeout and bounded retries (FRONTEND_CACHE_TIMEOUT seconds
for each attempt): Wagtail's HTTP backend calls urlopen() without a timeout, its Cloudflare backend
waits 30 s and lets a timeout or a refused connection escape, and its CloudFront client keeps
botocore's 60 s timeouts with retries. A CDN that accepts and never answers would hold the task
worker that sends the purges. A purge that fails is logged; the page cache still clears at once."""

import logging
from typing import Any
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings

from wagtail import __version__
from wagtail.contrib.frontend_cache.backends.cloudflare import CloudflareBackend
from wagtail.contrib.frontend_cache.backends.cloudfront import CloudfrontBackend
from wagtail.contrib.frontend_cache.backends.http import HTTPBackend, PurgeRequest

logger = logging.getLogger("wagtail.frontendcache")

# A purge is idempotent, so a failed attempt may be sent again: at most this many attempts, so a
# hung CDN costs the task worker about ATTEMPTS x FRONTEND_CACHE_TIMEOUT seconds per batch.
ATTEMPTS = 2


def timeout() -> Any:
    return settings.FRONTEND_CACHE_TIMEOUT


class TimedHTTPBackend(HTTPBackend):
    def purge(self, url: str) -> None:
        self._send(url)

    def purge_batch(self, urls: Any) -> None:
        urls = list(urls)
        for sent, url in enumerate(urls, start=1):
            if not self._send(url):
                # The cache server is down or hung: every other URL would wait as long again.
                logger.error("Gave up purging %d more URLs from the HTTP cache", len(urls) - sent)
                return

    def _send(self, url: str) -> bool:
        """PURGE one URL; False when the cache server did not answer (after ATTEMPTS tries)."""
        from urllib.request import urlopen

        parsed = urlsplit(url)
        host = parsed.hostname or ""
        if parsed.port:
            host += f":{parsed.port}"
        request = PurgeRequest(
            url=urlunsplit([self.cache_scheme, self.cache_netloc, parsed.path, parsed.query, parsed.fragment]),
            headers={"Host": host, "User-Agent": "Wagtail-frontendcache/" + __version__},
        )
        for attempt in range(1, ATTEMPTS + 1):
            try:
                urlopen(request, timeout=timeout())  # noqa: S310 - the configured LOCATION's scheme
                return True
            except HTTPError as error:  # it answered: nothing to retry
                logger.error("Couldn't purge '%s' from HTTP cache: %s", url, error)
                return True
            except (URLError, TimeoutError, OSError) as error:
                if attempt == ATTEMPTS:
                    logger.error("Couldn't purge '%s' from HTTP cache: %s", url, error)
        return False


class TimedCloudflareBackend(CloudflareBackend):
    def _purge_urls(self, urls: list[str]) -> None:
        import requests
        from requests.adapters import HTTPAdapter
        from urllib3.util.retry import Retry

        headers = {"Content-Type": "application/json"}
        if self.cloudflare_token:
            headers["Authorization"] = f"Bearer {self.cloudflare_token}"
        else:
            headers["X-Auth-Email"] = self.cloudflare_email
            headers["X-Auth-Key"] = self.cloudflare_api_key
        retry = Retry(
            total=ATTEMPTS - 1,
            backoff_factor=0.5,
            status_forcelist=(429, 500, 502, 503, 504),
            allowed_methods=None,  # POST too: purging twice does no harm
            raise_on_status=False,
        )
        with requests.Session() as session:
            session.mount("https://", HTTPAdapter(max_retries=retry))
            session.mount("http://", HTTPAdapter(max_retries=retry))
            try:
                response = session.post(
                    self.cloudflare_purge_endpoint_url, json={"files": urls}, headers=headers, timeout=timeout()
                )
                response.raise_for_status()
                answer = response.json()
            except (requests.RequestException, ValueError) as error:
                logger.error("Couldn't purge %d URLs (first '%s') from Cloudflare: %s", len(urls), urls[0], error)
                return
        if not answer.get("success"):
            messages = ", ".join(str(error.get("message")) for error in answer.get("errors") or [])
            logger.error("Couldn't purge %d URLs (first '%s') from Cloudflare: %s", len(urls), urls[0], messages)


class TimedCloudfrontBackend(CloudfrontBackend):
    def __init__(self, params: dict[str, Any]) -> None:
        import boto3
        from botocore.config import Config

        super().__init__(params)
        self.client = boto3.client(
            "cloudfront",
            aws_access_key_id=params.get("AWS_ACCESS_KEY_ID"),
            aws_secret_access_key=params.get("AWS_SECRET_ACCESS_KEY"),
            aws_session_token=params.get("AWS_SESSION_TOKEN"),
            config=Config(
                connect_timeout=timeout(),
                read_timeout=timeout(),
                retries={"total_max_attempts": ATTEMPTS, "mode": "standard"},
            ),
        )

    def _create_invalidation(self, distribution_id: str, paths: list[str]) -> None:
        from botocore.exceptions import BotoCoreError

        try:
            super()._create_invalidation(distribution_id, paths)
        except BotoCoreError as error:  # a timeout or a refused connection: Wagtail lets these escape
            logger.error(
                "Couldn't purge %d paths (first '%s') from CloudFront (DistributionId=%s): %s",
                len(paths),
                paths[0],
                distribution_id,
                error,
            )
