"""Browser journeys: a live server on a seeded database, Debian's chromium through Playwright, axe-core.

No browser can be downloaded here, so Playwright drives the system chromium. Under CI=true a missing
chromium fails the run instead of skipping it.
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tests.helpers.axe import AXE

IN_CI = os.environ.get("CI", "").lower() == "true"
CHROMIUM_CANDIDATES = ("/usr/lib/chromium/chromium", "/usr/bin/chromium")


def _chromium() -> str | None:
    for candidate in CHROMIUM_CANDIDATES:
        if Path(candidate).exists():
            return candidate
    return shutil.which("chromium")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    executable = _chromium()
    if executable is None or not AXE.exists():
        message = "Browser tests need Debian's chromium and node_modules/axe-core (make test installs both)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return {
        **browser_type_launch_args,
        "executable_path": executable,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def live_server(seeded_app):
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per asset request is noise here
    server = make_server("127.0.0.1", 0, seeded_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(autouse=True)
def no_policy_violations(page):
    """Every journey fails if the browser refused anything under the Content-Security-Policy."""
    refused = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    yield
    assert not refused, refused
