"""A two-instance deployment on this machine, as deploy/ describes it: two gunicorn instances
started from deploy/systemd/mrdinfo-web@.service's command line, on one PostgreSQL database and
one Redis, behind Debian's nginx running deploy/nginx/mrdinfo.conf as `manage.py nginx_config`
renders it (TLS with a throwaway certificate, round robin), with uploads either in an S3 bucket
on a moto server started here or in a folder both instances share.

Used by core/tests/test_multiserver.py and tools/multiserver_load.py. Everything listens on
loopback only; nothing here reaches the internet."""

import configparser
import datetime
import getpass
import http.client
import json
import os
import re
import shlex
import shutil
import socket
import ssl
import subprocess
import sys
import time
import uuid
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode, urlsplit

BASE_DIR = Path(__file__).resolve().parent.parent.parent
BIN = Path(sys.executable).parent
WEB_UNIT = BASE_DIR / "deploy" / "systemd" / "mrdinfo-web@.service"
HOST = "localhost"
SECRET_KEY = "multi-server-" + "m" * 50
BUCKET = "mrdinfo-media"
# The ports this project's helper was given on a shared machine come first; any free port after.
_PORT_BASE = int(os.environ.get("MULTISERVER_PORT_BASE", "8130"))
PORT_RANGE = range(_PORT_BASE, _PORT_BASE + 10)
_ports_given = set()

NGINX_MISSING = "nginx is needed for the multi-server test: apt-get install -y nginx (Debian's package)"
MOTO_MISSING = "moto is needed for the multi-server test: pip install -r requirements-test.txt (moto[server])"


def free_port():
    for port in PORT_RANGE:
        if port in _ports_given:
            continue
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
        _ports_given.add(port)
        return port
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, process, what, log_path, seconds=90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited ({process.returncode}): {Path(log_path).read_text()[-3000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{what} did not start on port {port}: {Path(log_path).read_text()[-3000:]}")


def stop_process(process, seconds=30):
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:  # a busy machine: never leave it running
        process.kill()
        process.wait(timeout=10)


# --- the parts -------------------------------------------------------------------------------


def nginx_binary():
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.access(p, os.X_OK)), None)


def moto_binary():
    try:
        import moto.server  # noqa: F401
    except ImportError:
        return None
    path = BIN / "moto_server"
    return str(path) if path.exists() else None


def public_read_policy(bucket):
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "PublicReadForGetBucketObjects",
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{bucket}/*",
            }
        ],
    }


class MotoS3:
    """moto in server mode: an S3-compatible endpoint on loopback with one empty bucket."""

    def __init__(self, workdir):
        binary = moto_binary()
        assert binary, MOTO_MISSING
        self.port = free_port()
        self.log_path = workdir / "moto.log"
        self.log = open(self.log_path, "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [binary, "-H", "127.0.0.1", "-p", str(self.port)],
            stdout=self.log,
            stderr=subprocess.STDOUT,
            env={**os.environ, **self.credentials},
        )
        self.bucket_made = False

    def ready(self):
        """Waits for the server (started in the background) and makes the bucket, once."""
        if self.bucket_made:
            return self
        wait_for_port(self.port, self.process, "moto_server", self.log_path)
        self.client().create_bucket(Bucket=BUCKET)
        self.bucket_made = True
        # As README "Production" tells an operator: anyone may read the objects (the site's public
        # images and documents); only the app, with its keys, may write them.
        self.client().put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(public_read_policy(BUCKET)))
        return self

    credentials = {"AWS_ACCESS_KEY_ID": "multiserver", "AWS_SECRET_ACCESS_KEY": "multiserver-secret"}

    @property
    def endpoint(self):
        return f"http://127.0.0.1:{self.port}"

    def client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name="us-east-1",
            aws_access_key_id=self.credentials["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=self.credentials["AWS_SECRET_ACCESS_KEY"],
        )

    def keys(self):
        listing = self.client().list_objects_v2(Bucket=BUCKET)
        return [item["Key"] for item in listing.get("Contents", [])]

    def app_env(self):
        return {
            **self.credentials,
            "AWS_STORAGE_BUCKET_NAME": BUCKET,
            "AWS_S3_ENDPOINT_URL": self.endpoint,
            "AWS_S3_REGION_NAME": "us-east-1",
        }

    def stop(self):
        stop_process(self.process)
        self.log.close()


def self_signed_certificate(workdir):
    """A certificate for localhost, made here (no openssl command needed)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, HOST)])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(hours=1))
        .not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(HOST)]), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = workdir / "localhost.crt", workdir / "localhost.key"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    key_path.chmod(0o600)
    return cert_path, key_path


def manage(env, *args, check=True, extra_env=None):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env={**env, **(extra_env or {})},
        capture_output=True,
        text=True,
        timeout=600,
    )
    if check:
        assert result.returncode == 0, f"manage.py {' '.join(args)}: {result.stdout}{result.stderr}"
    return result


def manage_in_parallel(env, *commands):
    """Several manage.py commands at once (migrate waits on PostgreSQL while collectstatic
    compresses): a shorter test on a two-core machine."""
    running = [
        (command, subprocess.Popen([sys.executable, "manage.py", *command], cwd=BASE_DIR, env=env,
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True))
        for command in commands
    ]  # fmt: skip
    for command, process in running:
        output, _ = process.communicate(timeout=600)
        assert process.returncode == 0, f"manage.py {' '.join(command)}: {output}"


class WebInstance:
    """One gunicorn instance, started with the command line of deploy/systemd/mrdinfo-web@.service
    (%i = its port), as systemd would start it."""

    def __init__(self, env, workdir, workers=None, max_requests=None):
        unit = configparser.ConfigParser(strict=False, interpolation=None)
        unit.read(WEB_UNIT)
        self.port = free_port()
        exec_start = unit["Service"]["ExecStart"].replace("\\\n", " ")  # systemd's line continuations
        command = shlex.split(exec_start.replace("%i", str(self.port)))
        command[0] = str(BIN / "gunicorn")
        if workers is not None:
            command[command.index("--workers") + 1] = str(workers)
        if max_requests is not None:  # 0: never recycle a worker (to see whether memory grows)
            command[command.index("--max-requests") + 1] = str(max_requests)
        self.command = command
        self.log_path = workdir / f"web-{self.port}.log"
        self.log = open(self.log_path, "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=self.log, stderr=subprocess.STDOUT)

    def wait(self, seconds=90):
        """Until /healthz answers 200: the port opens before the workers have loaded Django."""
        wait_for_port(self.port, self.process, "gunicorn", self.log_path, seconds)
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                if fetch(self.port, "/healthz", timeout=10).status == 200:
                    return self
            except OSError:
                pass
            if self.process.poll() is not None:
                break
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn on {self.port} is not healthy: {self.log_path.read_text()[-3000:]}")

    def access_count(self):
        """Requests this instance has answered (gunicorn's access log, one line each)."""
        return len(re.findall(r'" \d{3} ', self.log_path.read_text()))

    def worker_rss(self):
        """Resident memory of each worker, in MiB, by process id."""
        sizes = {}
        for pid in self.worker_pids():
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            sizes[pid] = int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024
        return sizes

    def worker_pids(self):
        """gunicorn's worker processes (the children of its master)."""
        children = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:
                children.append(int(stat.parent.name))
        return sorted(children)

    def stop(self):
        stop_process(self.process)
        self.log.close()


class Nginx:
    """Debian's nginx, run in the foreground with a main configuration of its own that includes
    the site configuration rendered from deploy/nginx/mrdinfo.conf."""

    def __init__(self, env, workdir, upstreams):
        binary = nginx_binary()
        assert binary, NGINX_MISSING
        self.dir = workdir / "nginx"
        self.dir.mkdir(exist_ok=True)
        cert, key = self_signed_certificate(self.dir)
        self.https_port, self.http_port = free_port(), free_port()
        site = manage(
            env, "nginx_config", "--listen", "127.0.0.1", "--server-name", HOST,
            "--http-port", str(self.http_port), "--https-port", str(self.https_port),
            "--certificate", str(cert), "--certificate-key", str(key),
            *[arg for upstream in upstreams for arg in ("--upstream", upstream)],
        ).stdout  # fmt: skip
        (self.dir / "mrdinfo.conf").write_text(site)
        temp = {name: self.dir / name for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")}
        for path in temp.values():
            path.mkdir(exist_ok=True)
        # What Debian's /etc/nginx/nginx.conf provides, with everything kept inside this folder.
        # Workers run as the user running the test: as root they need to read the media folder.
        (self.dir / "nginx.conf").write_text(
            f"""
user {getpass.getuser()};
worker_processes 2;
pid {self.dir}/nginx.pid;
error_log {self.dir}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    access_log {self.dir}/access.log;
    client_body_temp_path {temp["client_body"]};
    proxy_temp_path {temp["proxy"]};
    fastcgi_temp_path {temp["fastcgi"]};
    uwsgi_temp_path {temp["uwsgi"]};
    scgi_temp_path {temp["scgi"]};
    include {self.dir}/mrdinfo.conf;
}}
"""
        )
        self.log_path = self.dir / "error.log"
        self.stderr = open(self.dir / "stderr.log", "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [binary, "-p", str(self.dir), "-c", str(self.dir / "nginx.conf"), "-e", str(self.log_path),
             "-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=self.stderr,
        )  # fmt: skip
        self.log_path.touch()
        wait_for_port(self.https_port, self.process, "nginx", self.log_path, seconds=20)

    def stop(self):
        stop_process(self.process)
        self.stderr.close()


def deployment_env(workdir, database_url, redis_url, cache_prefix, **extra):
    """Production settings, as /etc/mrdinfo/env (deploy/env.example) would give them."""
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "DJANGO_", "PYTEST"))}
    for name in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL", "MEDIA_ROOT", "STATIC_ROOT"):
        keep.pop(name, None)
    keep.update(
        DJANGO_SETTINGS_MODULE="mrdinfo.settings.production",
        SECRET_KEY=SECRET_KEY,
        ALLOWED_HOSTS=HOST,
        CSRF_TRUSTED_ORIGINS=f"https://{HOST}",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        CACHE_KEY_PREFIX=cache_prefix,
        STATIC_ROOT=str(workdir / "static"),
        MEDIA_ROOT=str(workdir / "media"),
        CLIENT_IP_HEADER="X-Real-IP",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        # HSTS preload and friends stay on; the test talks HTTPS to nginx like a browser.
    )
    keep.update(extra)
    return keep


def fresh_postgres_database(database_url, suffix):
    """An empty database beside the given one (same server and user), named <db>_<suffix>."""
    import psycopg

    url = urlsplit(database_url)
    name = f"{url.path.strip('/')}_{suffix}"
    admin_url = url._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        db.execute(f'CREATE DATABASE "{name}"')
    return url._replace(path=f"/{name}").geturl(), admin_url, name


def drop_postgres_database(admin_url, name):
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Deployment:
    """Two web instances and nginx for one storage mode ("s3" or "disk") on a prepared site."""

    def __init__(self, env, workdir, storage, workers=2, max_requests=None):
        self.env, self.workdir, self.storage = env, workdir, storage
        self.instances = [WebInstance(env, workdir, workers, max_requests) for _ in range(2)]
        try:
            # nginx's configuration is rendered while the instances load Django.
            self.nginx = Nginx(env, workdir, [f"127.0.0.1:{i.port}" for i in self.instances])
            for instance in self.instances:
                instance.wait()
        except BaseException:
            self.stop()
            raise

    @property
    def a(self):
        return self.instances[0]

    @property
    def b(self):
        return self.instances[1]

    def stop(self):
        if getattr(self, "nginx", None):
            self.nginx.stop()
        for instance in self.instances:  # both at once: each waits for its workers to finish
            instance.process.terminate()
        for instance in self.instances:
            instance.stop()


# --- talking to it like a browser --------------------------------------------------------------

TLS = ssl.create_default_context()
TLS.check_hostname = False
TLS.verify_mode = ssl.CERT_NONE  # the throwaway certificate made above


class Response:
    def __init__(self, raw, body):
        self.status = raw.status
        self.headers = raw.headers
        self.body = body

    def header(self, name):
        return self.headers.get(name)

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    def cookies(self):
        found = {}
        for value in self.headers.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            found[name.strip()] = rest.split(";")[0]
        return found


def fetch(port, path, method="GET", body=None, headers=None, tls=False, timeout=30):
    if tls:
        connection = http.client.HTTPSConnection("127.0.0.1", port, timeout=timeout, context=TLS)
    else:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers={"Host": HOST, **(headers or {})})
        raw = connection.getresponse()
        return Response(raw, raw.read())
    finally:
        connection.close()


class Visitor:
    """A browser's cookie jar and address. `via` is a web instance (asked directly, with the
    headers nginx would add) or the nginx front (HTTPS)."""

    def __init__(self, ip):
        self.ip = ip
        self.cookies = {}

    def request(self, via, path, method="GET", body=None, headers=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if isinstance(via, Nginx):
            response = fetch(via.https_port, path, method, body, headers, tls=True)
        else:
            headers.update({"X-Forwarded-Proto": "https", "X-Real-IP": self.ip})
            response = fetch(via.port, path, method, body, headers)
        for name, value in response.cookies().items():
            if value in ("", '""'):
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return response

    def get(self, via, path, headers=None):
        return self.request(via, path, headers=headers)

    def post(self, via, path, data, files=None, headers=None):
        headers = {"Referer": f"https://{HOST}{path}", **(headers or {})}
        if files:
            body, content_type = multipart(data, files)
        else:
            body, content_type = urlencode(data, doseq=True).encode(), "application/x-www-form-urlencoded"
        headers["Content-Type"] = content_type
        return self.request(via, path, "POST", body, headers)


def multipart(data, files):
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in data.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, content, content_type) in files.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: {content_type}\r\n\r\n".encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class FormFields(HTMLParser):
    """What a browser would send from the first form whose action contains `action` (or the
    first POST form): text and hidden inputs, checked boxes, textareas, selected options."""

    def __init__(self, action=""):
        super().__init__()
        self.action, self.values = action, {}
        self.in_form = self.done = False
        self.textarea = self.select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            method = (attrs.get("method") or "").lower()
            if not self.done and method == "post" and self.action in (attrs.get("action") or ""):
                self.in_form = True
            return
        if not self.in_form:
            return
        if tag == "option":
            if self.select and "selected" in attrs:
                self.values[self.select] = attrs.get("value", "")
            return
        name = attrs.get("name")
        if not name:
            return
        if tag == "input":
            kind = (attrs.get("type") or "text").lower()
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.values[name] = attrs.get("value") or ("on" if kind == "checkbox" else "")
        elif tag == "textarea":
            self.textarea = name
            self.values[name] = ""
        elif tag == "select":
            self.select = name
            self.values.setdefault(name, "")

    def handle_data(self, data):
        if self.textarea:
            self.values[self.textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None
        elif tag == "form" and self.in_form:
            self.in_form, self.done = False, True


def form_fields(html, action=""):
    parser = FormFields(action)
    parser.feed(html)
    return parser.values


def sign_in(visitor, via, username, password):
    page = visitor.get(via, "/admin/login/")
    assert page.status == 200, page.status
    fields = form_fields(page.text, "/admin/login/")
    fields.update(username=username, password=password, next="/admin/")
    return visitor.post(via, "/admin/login/", fields)


def contact_form_post(visitor, via, message):
    """The contact form as a browser sends it, as if the page had been open for half a minute
    (the form refuses faster senders; its spam-check token is signed with the SECRET_KEY)."""
    from django.core import signing

    from mrdinfo.forms.spam import SALT

    page = visitor.get(via, "/contact/")
    assert page.status == 200, page.status
    fields = form_fields(page.text, "/contact/")
    fields.update(
        your_name="Sam Parent",
        your_email_address="sam@example.org",
        your_message=message,
        website="",
        form_started=signing.dumps(time.time() - 30, salt=SALT, key=SECRET_KEY),
    )
    return visitor.post(via, "/contact/", fields)


def rich_text_json(text):
    """A paragraph as the Draftail editor posts it."""
    block = {"key": "a1b2c", "type": "unstyled", "depth": 0, "text": text, "inlineStyleRanges": [], "entityRanges": []}
    return json.dumps({"blocks": [block], "entityMap": {}})
