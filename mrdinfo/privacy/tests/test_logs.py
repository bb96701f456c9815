"""Server records are kept as long as the privacy notice says (the register's 30 days: journald
and logrotate in deploy/), and neither gunicorn's nor nginx's access log holds a query string or
a referrer: the result reader answers from ?result=, and a child's result is personal data."""

import configparser
import re
import runpy
from datetime import datetime
from io import StringIO
from types import SimpleNamespace

from gunicorn.config import Config
from gunicorn.glogging import Logger

from django.conf import settings
from django.core.management import call_command

from mrdinfo.core.records.personal_data import entry
from mrdinfo.privacy.registrations import SERVER_LOG_DAYS

DEPLOY = settings.BASE_DIR / "deploy"


def test_logs_are_kept_as_long_as_the_notice_says():
    period = entry("server-records").period
    assert (period.amount, period.unit) == (SERVER_LOG_DAYS, "days")
    journald = configparser.ConfigParser()
    journald.read(DEPLOY / "journald" / "mrdinfo.conf")
    assert journald["Journal"]["MaxRetentionSec"] == f"{SERVER_LOG_DAYS}day"
    logrotate = (DEPLOY / "logrotate" / "mrdinfo-nginx").read_text()
    assert re.search(rf"^\s*maxage {SERVER_LOG_DAYS}$", logrotate, re.M)
    assert re.search(rf"^\s*rotate {SERVER_LOG_DAYS}$", logrotate, re.M) and re.search(r"^\s*daily$", logrotate, re.M)
    web_unit = (DEPLOY / "systemd" / "mrdinfo-web@.service").read_text()
    assert "--access-logfile - --config deploy/gunicorn.conf.py" in web_unit  # to journald, in our format


def gunicorn_access_line(path, query, referer):
    config = Config()
    config.set("accesslog", "-")
    config.set("access_log_format", runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))["access_log_format"])
    logger = Logger(config)
    request = SimpleNamespace(headers=[("REFERER", referer), ("USER-AGENT", "Firefox")])
    response = SimpleNamespace(status="200 OK", response_length=10, sent=10, headers=[])
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query, "RAW_URI": f"{path}?{query}",
               "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "203.0.113.5", "HTTP_REFERER": referer}  # fmt: skip
    atoms = logger.atoms(response, request, environ, datetime.now() - datetime.now())
    return config.access_log_format % atoms


def test_gunicorn_logs_the_path_without_its_query_string_or_referrer():
    line = gunicorn_access_line("/understanding-mrd/", "result=0.01%25", "https://site/explainer/?result=1e-4")
    assert '"GET /understanding-mrd/ HTTP/1.1" 200' in line and "203.0.113.5" in line
    assert "result" not in line and "1e-4" not in line


def test_nginx_logs_the_path_without_its_query_string_or_referrer(settings):
    settings.SITE_URL = "https://mrdinfo.org.uk"
    out = StringIO()
    call_command("nginx_config", "--upstream", "127.0.0.1:8001", stdout=out)
    conf = out.getvalue()
    log_format = re.search(r"log_format mrdinfo_private (.*?);", conf, re.S).group(1)
    assert "$uri" in log_format
    for leaky in ("$request ", '$request"', "$request_uri", "$args", "$query_string", "$http_referer"):
        assert leaky not in log_format, leaky
    assert conf.count("access_log /var/log/nginx/mrdinfo/access.log mrdinfo_private;") == 2  # both servers
