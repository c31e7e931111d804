"""A throwaway redis-server for tests of what several processes must share (a pytest plugin: see
tests/conftest.py). Under CI=true a missing redis-server fails the test; elsewhere it is skipped."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from tests.conftest import IN_CI
from tests.helpers.processes import free_port, stop_process

START_SECONDS = 30
STOP_SECONDS = 10
ATTEMPTS = 3  # another process may take the free port before redis-server binds it


@pytest.fixture
def redis_url(tmp_path) -> Iterator[str]:
    """redis-server on a free port, keeping nothing on disc, stopped at the end of the test."""
    binary = shutil.which("redis-server")
    if binary is None:
        message = "redis-server is not installed (make system-packages installs Debian's)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    for attempt in range(ATTEMPTS):
        port = free_port()
        log = tmp_path / f"redis-{attempt}.log"
        process = _start(binary, port, tmp_path, log)
        if _answers(process, port):
            break
        stop_process(process, STOP_SECONDS)
    else:
        pytest.fail(f"redis-server did not start:\n{log.read_text(errors='replace')[-2000:]}")
    try:
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        stop_process(process, STOP_SECONDS)


def _start(binary: str, port: int, folder: Path, log: Path) -> subprocess.Popen:
    command = [binary, "--bind", "127.0.0.1", "--port", str(port), "--dir", str(folder), "--logfile", str(log)]
    command += ["--save", "", "--appendonly", "no", "--daemonize", "no"]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True)


def _answers(process: subprocess.Popen, port: int) -> bool:
    client = redis.Redis(host="127.0.0.1", port=port, socket_timeout=1)
    deadline = time.monotonic() + START_SECONDS
    try:
        while time.monotonic() < deadline and process.poll() is None:
            try:
                return bool(client.ping())
            except redis.ConnectionError:
                time.sleep(0.1)
        return False
    finally:
        client.close()
