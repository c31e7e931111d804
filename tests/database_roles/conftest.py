"""The application's and the owner's database roles: PostgreSQL's, which SQLite has no counterpart of.

Under --database=sqlite these tests are deselected rather than skipped, since CI fails any skip. Here `app`
(and so `client` and `world`) is connected as the application's role, as in production.
"""

from __future__ import annotations

from pathlib import Path

import pytest

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
            f"tests/database_roles: {count} deselected: database roles are PostgreSQL's (--database=postgresql)"
        )


@pytest.fixture
def app(application_app):
    return application_app
