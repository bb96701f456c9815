"""deploy/: every systemd unit runs a command that exists, every timer has its service, and the
nginx template renders for both places uploads can live (test_multiserver.py runs it in nginx)."""

import configparser
import shlex
from io import StringIO

import pytest

from django.conf import settings
from django.core.management import call_command, get_commands
from django.core.management.base import CommandError

from mrdinfo.core.operations.nginx_config import media_origin

SYSTEMD = settings.BASE_DIR / "deploy" / "systemd"


def unit(path):
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.read(path)
    return parser


@pytest.mark.parametrize("path", sorted(SYSTEMD.glob("*.service")), ids=lambda p: p.name)
def test_every_service_runs_a_real_command(path):
    command = shlex.split(unit(path)["Service"]["ExecStart"].replace("\\\n", " "))
    if "manage.py" in command:
        assert command[command.index("manage.py") + 1] in get_commands(), command
    else:
        assert command[0].endswith("/gunicorn") and command[1] == "mrdinfo.wsgi"


@pytest.mark.parametrize("path", sorted(SYSTEMD.glob("*.timer")), ids=lambda p: p.name)
def test_every_timer_has_its_service(path):
    assert path.with_suffix(".service").exists()
    assert unit(path)["Timer"]["OnCalendar"]


def render(**options):
    out = StringIO()
    call_command("nginx_config", stdout=out, **options)
    return out.getvalue()


def test_nginx_config_serves_media_from_disk_without_a_bucket(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SITE_URL = "https://mrdinfo.org.uk"
    settings.ALLOWED_HOSTS = ["mrdinfo.org.uk", "www.mrdinfo.org.uk"]
    conf = render(upstream=["127.0.0.1:8001", "10.0.0.2:8001"])
    assert "server 127.0.0.1:8001 max_fails=3" in conf and "server 10.0.0.2:8001 max_fails=3" in conf
    assert "server_name mrdinfo.org.uk www.mrdinfo.org.uk;" in conf
    assert f"alias {tmp_path}/media/;" in conf and "proxy_pass http://127.0.0.1" not in conf
    assert "ssl_certificate /etc/letsencrypt/live/mrdinfo.org.uk/fullchain.pem;" in conf
    assert "return 301 https://$host$request_uri;" in conf
    assert "{%" not in conf and "{{" not in conf


def test_nginx_config_fetches_media_from_the_bucket(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "mrdinfo.core.operations.storage.MediaObjectStorage",
            "OPTIONS": {"bucket_name": "media", "endpoint_url": "https://s3.example.net", "location": "site"},
        },
    }
    assert media_origin() == "https://s3.example.net/media/site/"
    conf = render(server_name=["example.org"], https_port=8443)
    assert "proxy_pass https://s3.example.net/media/site/;" in conf and "alias " not in conf
    assert 'proxy_set_header Cookie "";' in conf
    assert "return 301 https://$host:8443$request_uri;" in conf


@pytest.mark.parametrize("bad", ["127.0.0.1:8001; include /etc/passwd", "no-port", "a b:1"])
def test_nginx_config_refuses_what_would_break_the_file(bad):
    with pytest.raises(CommandError):
        render(upstream=[bad], server_name=["example.org"])


def test_redis_has_a_memory_ceiling_and_evicts_the_least_recently_used():
    """The page cache keeps a copy per address; without a ceiling Redis grows until the machine
    runs out of memory (deploy/redis/mrdinfo.conf)."""
    lines = (settings.BASE_DIR / "deploy" / "redis" / "mrdinfo.conf").read_text().splitlines()
    directives = dict(line.split(None, 1) for line in lines if line.strip() and not line.startswith("#"))
    assert directives["maxmemory"].endswith(("mb", "gb")) and int(directives["maxmemory"][:-2]) > 0
    assert directives["maxmemory-policy"] == "allkeys-lru"
