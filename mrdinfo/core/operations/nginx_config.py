"""Render deploy/nginx/mrdinfo.conf for this site's settings (README "Production").

Where uploads live decides how nginx serves /media/: from the object-storage bucket when
AWS_STORAGE_BUCKET_NAME is set, otherwise from MEDIA_ROOT on disk. The host names come from
SITE_URL (else ALLOWED_HOSTS), so the file matches what the app will accept."""

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.template import Context, Engine

TEMPLATE = settings.BASE_DIR / "deploy" / "nginx" / "mrdinfo.conf"
UPSTREAM = re.compile(r"^(unix:/[^\s;]+|[\w.\-\[\]:]+:\d+)$")
NGINX_WORD = re.compile(r"^[^\s;{}'\"]+$")

# Rotated by deploy/logrotate/mrdinfo-nginx (30 days); its own folder, so Debian's rotation of
# /var/log/nginx/*.log (14 days) does not rotate it twice.
ACCESS_LOG = "/var/log/nginx/mrdinfo/access.log"


def server_names() -> list[str]:
    host = urlsplit(settings.SITE_URL).hostname if settings.SITE_URL else ""
    names = [host] if host else []
    names += [name.lstrip(".") for name in settings.ALLOWED_HOSTS if name not in names and name != "*"]
    return names


def media_origin() -> str:
    """The bucket's address that /media/ maps to, or "" when uploads are on local disk."""
    options = settings.STORAGES["default"].get("OPTIONS", {})
    bucket = options.get("bucket_name")
    if not bucket:
        return ""
    location = options.get("location", "").strip("/")
    prefix = f"{location}/" if location else ""
    endpoint = options.get("endpoint_url")
    if endpoint:
        return f"{endpoint.rstrip('/')}/{bucket}/{prefix}"
    region = options.get("region_name") or "us-east-1"
    return f"https://{bucket}.s3.{region}.amazonaws.com/{prefix}"


def render(*, upstreams: list[str], server_names: list[str], certificate: str, certificate_key: str, listen: str = "",
           http_port: int = 80, https_port: int = 443, ipv6: bool = True, media_root: str | Path = "",
           media_origin: str = "", access_log: str = ACCESS_LOG) -> str:  # fmt: skip
    for value in [*upstreams, *server_names, certificate, certificate_key, media_root, media_origin, access_log]:
        if value and not NGINX_WORD.match(str(value)):
            raise CommandError(f"Not usable in an nginx configuration (space, quote, brace or ;): {value!r}")
    for upstream in upstreams:
        if not UPSTREAM.match(upstream):
            raise CommandError(f"An upstream is host:port or unix:/path, not {upstream!r}")
    if not upstreams:
        raise CommandError("Give at least one --upstream (a gunicorn instance's host:port).")
    engine = Engine(autoescape=False)
    template = engine.from_string(TEMPLATE.read_text())
    return template.render(
        Context(
            {
                "upstreams": upstreams,
                "server_names": " ".join(server_names),
                "certificate": certificate,
                "certificate_key": certificate_key,
                "listen": f"{listen}:" if listen else "",
                "http_port": http_port,
                "https_port": https_port,
                "https_port_suffix": "" if https_port == 443 else f":{https_port}",
                "ipv6": ipv6 and not listen,
                "media_root": str(media_root).rstrip("/"),
                "media_origin": media_origin,
                "access_log": access_log,
            },
            autoescape=False,
        )
    )


class Command(BaseCommand):
    help = "Print the nginx site configuration (deploy/nginx/mrdinfo.conf) filled in for this site."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--upstream",
            action="append",
            default=[],
            help="a gunicorn instance, host:port (repeat for each; default 127.0.0.1:8001 and :8002)",
        )
        parser.add_argument(
            "--server-name", action="append", default=[], help="default: SITE_URL's host, then ALLOWED_HOSTS"
        )
        parser.add_argument("--certificate", help="default: Let's Encrypt's fullchain.pem for the first server name")
        parser.add_argument("--certificate-key", help="default: Let's Encrypt's privkey.pem for the first server name")
        parser.add_argument("--listen", default="", help="an address to listen on (default: every address)")
        parser.add_argument("--http-port", type=int, default=80)
        parser.add_argument("--https-port", type=int, default=443)
        parser.add_argument("--access-log", default=ACCESS_LOG, help=f"the access log file (default {ACCESS_LOG})")

    def handle(self, *args: Any, **options: Any) -> None:
        names = options["server_name"] or server_names()
        if not names:
            raise CommandError("Set SITE_URL or ALLOWED_HOSTS, or give --server-name.")
        live = f"/etc/letsencrypt/live/{names[0]}"
        self.stdout.write(
            render(
                upstreams=options["upstream"] or ["127.0.0.1:8001", "127.0.0.1:8002"],
                server_names=names,
                certificate=options["certificate"] or f"{live}/fullchain.pem",
                certificate_key=options["certificate_key"] or f"{live}/privkey.pem",
                listen=options["listen"],
                http_port=options["http_port"],
                https_port=options["https_port"],
                media_root=settings.MEDIA_ROOT,
                media_origin=media_origin(),
                access_log=options["access_log"],
            ),
            ending="",
        )
