"""Test helpers for outage drills: a loopback TCP switch that forwards to a real service, hangs
(accepts connections and never answers) or refuses, and a throwaway redis-server that a test
can stop and start again. Nothing here touches the shared Redis or PostgreSQL processes."""

import contextlib
import shutil
import socket
import subprocess
import threading
import time

# Loopback ports this project's drills use first (one developer's range on a shared machine);
# any free port if they are taken.
PORT_RANGE = range(8120, 8140)


def free_port():
    for port in PORT_RANGE:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class TcpSwitch:
    """Listens on 127.0.0.1:port. mode "forward" pipes to target; "hang" accepts and never
    answers (a hung server); "refuse" closes each connection at once. Changing the mode drops
    connections already open, as a real outage would; except `freeze()`, which keeps every
    connection open and stops passing bytes either way (a server that stopped, a network that
    went silent): a client waiting on an open connection hears nothing, and nothing says why."""

    def __init__(self, target=None, mode="forward"):
        self.target = target
        self.mode = mode
        self.sockets = []
        self.lock = threading.Lock()
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", free_port()))
        self.listener.listen(64)
        self.port = self.listener.getsockname()[1]
        self.running = True
        threading.Thread(target=self.accept_loop, daemon=True).start()

    def accept_loop(self):
        while self.running:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if self.mode == "refuse":
                client.close()
                continue
            with self.lock:
                self.sockets.append(client)
            if self.mode in ("forward", "freeze"):
                try:
                    upstream = socket.create_connection(self.target, timeout=5)
                except OSError:
                    client.close()
                    continue
                upstream.settimeout(None)
                with self.lock:
                    self.sockets.append(upstream)
                threading.Thread(target=self.pump, args=(client, upstream), daemon=True).start()
                threading.Thread(target=self.pump, args=(upstream, client), daemon=True).start()
            # "hang": keep the socket open and never read from it.

    def pump(self, source, sink):
        try:
            while data := source.recv(65536):
                while self.mode == "freeze":
                    time.sleep(0.05)
                sink.sendall(data)
        except OSError:
            pass
        for sock in (source, sink):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def freeze(self):
        self.mode = "freeze"

    def thaw(self):
        self.mode = "forward"

    def set_mode(self, mode):
        self.mode = mode
        with self.lock:
            sockets, self.sockets = self.sockets, []
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def close(self):
        self.running = False
        self.set_mode("refuse")
        self.listener.close()


class ThrowawayRedis:
    """A redis-server of the test's own on a loopback port, with no persistence."""

    def __init__(self, port=None):
        self.port = port or free_port()
        self.process = None

    def start(self):
        binary = shutil.which("redis-server")
        assert binary, "redis-server is needed for the cache outage drill (apt-get install -y redis-server)"
        self.process = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(16).startswith(b"+PONG"):
                        return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"redis-server did not start on port {self.port}")

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"
