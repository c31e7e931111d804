"""Real gunicorn servers of the tracker, started and stopped by tests (tests/scaleout and others)."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import SEED_TODAY
from tests.helpers.processes import stop_process

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent
START_SECONDS = 30
STOP_SECONDS = 10


def server_environment(database_url: str, tmp_path: Path) -> dict[str, str]:
    """The environment of a server on this database, with its files under the test's folder."""
    return {
        **os.environ,
        "TRACKER_ENV": "development",
        "DATABASE_URL": database_url,
        "SECRET_KEY": secrets.token_urlsafe(48),
        "TRACKER_TODAY": SEED_TODAY,
        "UPLOAD_FOLDER": str(tmp_path / "uploads"),
        "REMINDER_OUTBOX": str(tmp_path / "outbox"),
        "PROXY_COUNT": "0",
    }


@dataclass
class Server:
    process: subprocess.Popen
    url: str
    log: Path

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


def start_server(
    environment: dict[str, str],
    log: Path,
    wrapper: Sequence[str] = (),
    *,
    workers: int = 1,
    threads: int = 16,
    options: Sequence[str] = (),
) -> Server:
    """gunicorn on a socket we bind ourselves (passed as fd://), so no other process can take its port.

    `wrapper` is a command gunicorn runs under (it ends by running the arguments it is given), e.g. one
    that gives it a file system of its own. By default one process, with threads enough that every save
    it is sent runs at once.
    """
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    port = listener.getsockname()[1]
    command = [*wrapper, sys.executable, "-m", "gunicorn", "--bind", f"fd://{listener.fileno()}"]
    # No control socket, whose default path every server would share.
    command += ["--workers", str(workers), "--threads", str(threads), "--timeout", "30", "--graceful-timeout", "5"]
    command += ["--no-control-socket", *options, "wsgi:app"]
    with log.open("wb") as output:
        process = subprocess.Popen(
            command,
            cwd=PROJECT_ROOT,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
            pass_fds=(listener.fileno(),),
            start_new_session=True,  # its own process group, so its workers can be ended with it
        )
    listener.close()
    return Server(process, f"http://127.0.0.1:{port}", log)


def wait_until_healthy(server: Server) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            pytest.fail(f"gunicorn exited with {server.process.returncode}:\n{server.log_tail()}")
        try:
            with urllib.request.urlopen(f"{server.url}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    pytest.fail(f"{server.url}/healthz did not answer within {START_SECONDS} s:\n{server.log_tail()}")


def stop_server(server: Server) -> None:
    stop_process(server.process, STOP_SECONDS)
