"""The application's and the owner's database roles: PostgreSQL's, which SQLite has no counterpart of.

Under --database=sqlite these tests are deselected rather than skipped, since CI fails any skip. Here `app`
(and so `client` and `world`) is connected as the application's role, as in production.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.postgresql_only import postgresql_only

HERE = Path(__file__).resolve().parent
pytest_collection_modifyitems, pytest_terminal_summary = postgresql_only(HERE, "database roles are PostgreSQL's")


@pytest.fixture
def app(application_app):
    return application_app
