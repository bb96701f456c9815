"""A two-instance deployment on this machine, as deploy/ describes it: two gunicorn instances
started from deploy/systemd/mrdinfo-web@.service's command line, on one PostgreSQL database and
one Redis, behind Debian's nginx running deploy/nginx/mrdinfo.conf as `manage.py nginx_config`
renders it (TLS with a throwaway certificate, round robin), with uploads either in an S3 bucket
on a moto server started here or in a folder both instances share.

Used by core/operations/tests/test_multiserver.py and tools/multiserver_load.py. Everything listens on
loopback only; nothing here reaches the internet."""

import configparser
import datetime
import getpass
import http.client
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

BASE_DIR = Path(__file__).resolve().parent.parent.parent
BIN = Path(sys.executable).parent
WEB_UNIT = BASE_DIR / "deploy" / "systemd" / "mrdinfo-web@.service"
HOST = "localhost"
SECRET_KEY = "multi-server-" + "m" * 50
# The ports this project's helper was given on a shared machine come first; any free port after.
_PORT_BASE = int(os.environ.get("MULTISERVER_PORT_BASE", "8130"))
PORT_RANGE = range(_PORT_BASE, _PORT_BASE + 10)
_ports_given = set()

NGINX_MISSING = "nginx is needed for the multi-server test: apt-get install -y nginx (Debian's package)"


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


def healthz_status(port):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", "/healthz", headers={"Host": HOST})
        return connection.getresponse().status
    finally:
        connection.close()


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
                if healthz_status(self.port) == 200:
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
            "--access-log", str(self.dir / "access.log"),
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
