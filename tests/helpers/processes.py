"""Server processes the tests start: a port for one, and ending it with every process it started."""

from __future__ import annotations

import os
import signal
import socket
import subprocess


def stop_process(process: subprocess.Popen, seconds: float) -> None:
    """SIGTERM, then SIGKILL to its whole process group (it was started in a session of its own) if it lingers."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=seconds)


def free_port() -> int:
    """A port nothing listened on a moment ago: for a server to bind, or to find nothing there."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
