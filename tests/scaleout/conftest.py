"""Real gunicorn servers sharing one throwaway PostgreSQL database, as the tracker runs behind a load balancer.

These tests need PostgreSQL: several processes writing one SQLite file is not a way the tracker is
deployed. Under --database=sqlite they are deselected rather than skipped, since CI fails any skip.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from tests.conftest import make_config
from tests.helpers.postgresql_only import postgresql_only
from tests.helpers.servers import Server, server_environment, start_server, stop_server, wait_until_healthy
from tracker.app import create_app
from tracker.extensions import db

HERE = Path(__file__).resolve().parent
pytest_collection_modifyitems, pytest_terminal_summary = postgresql_only(HERE, "several app processes need PostgreSQL")


@pytest.fixture
def shared_database(databases, tmp_path) -> Iterator[str]:
    """A fresh PostgreSQL database, migrated and empty (from the suite's template), dropped afterwards."""
    url = databases.create("empty", tmp_path / "unused")
    yield url
    databases.drop(url)


@pytest.fixture
def start_servers(shared_database, tmp_path):
    """Starts gunicorn servers on the shared database, each on its own port; all are stopped afterwards."""
    environment = server_environment(shared_database, tmp_path)  # one secret key for all, as behind a balancer
    started: list[Server] = []

    def start(
        count: int,
        *,
        workers: int = 1,
        threads: int = 16,
        options: tuple[str, ...] = (),
        settings: dict[str, str] | None = None,
    ) -> list[Server]:
        """By default one process each, with threads enough that every request it is sent runs at once;
        settings change the servers' environment (RATELIMIT_STORAGE_URI, or DATABASE_URL through a proxy)."""
        env = {**environment, **(settings or {})}
        servers = [
            start_server(env, tmp_path / f"gunicorn-{i}.log", workers=workers, threads=threads, options=options)
            for i in range(count)
        ]
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
