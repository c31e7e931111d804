"""A TCP proxy between the app and its PostgreSQL that a test can cut and restore: a real outage.

Cut, every connection through it is closed at once (the app's pooled connections die as they would if
the server stopped or the network failed) and each new one is closed as soon as it is made, so the app
cannot reach the database at all. Restored, it passes connections through again.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading

ACCEPT_POLL_SECONDS = 0.1


class TcpProxy:
    def __init__(self, upstream_host: str, upstream_port: int):
        self._upstream = (upstream_host, upstream_port)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(ACCEPT_POLL_SECONDS)
        self.port = self._listener.getsockname()[1]
        self._cut = threading.Event()
        self._closed = threading.Event()
        self._lock = threading.Lock()
        self._open: set[socket.socket] = set()
        self._acceptor = threading.Thread(target=self._accept, name="tcp-proxy", daemon=True)
        self._acceptor.start()

    def cut(self) -> None:
        self._cut.set()
        with self._lock:
            for sock in self._open:
                _reset(sock)
            self._open.clear()

    def restore(self) -> None:
        self._cut.clear()

    def close(self) -> None:
        self.cut()
        self._closed.set()
        self._acceptor.join()
        self._listener.close()

    def _accept(self) -> None:
        while not self._closed.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            if self._cut.is_set():
                _reset(client)
                continue
            try:
                upstream = socket.create_connection(self._upstream)
            except OSError:
                _reset(client)
                continue
            with self._lock:
                self._open.update((client, upstream))
            for source, target in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, target), daemon=True).start()

    def _pump(self, source: socket.socket, target: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                target.sendall(data)
        # One side ended (or was cut): end the other too, as a dropped connection would.
        with self._lock:
            for sock in (source, target):
                self._open.discard(sock)
                _reset(sock)


def _reset(sock: socket.socket) -> None:
    """Close with a reset rather than an orderly goodbye, as a dead server or a broken network does."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(OSError):
        sock.close()
