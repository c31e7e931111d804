"""Fixtures for the whole suite.

The database is built from the migrations, never from the models, once per session into a template
(SQLite: a file copied for each test; PostgreSQL: a template database each test's database is created
from). `--database=postgresql` runs the suite against a throwaway PostgreSQL started with pg_ctl.
"""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from flask import Flask
from flask_migrate import upgrade
from jinja2 import BytecodeCache

from tests.helpers.client import PageClient
from tests.helpers.paths import SEED
from tracker.app import create_app
from tracker.config import TestConfig
from tracker.extensions import db
from tracker.seeding.operations import seed_demo

TESTS = Path(__file__).resolve().parent
IN_CI = os.environ.get("CI", "").lower() == "true"
pytest_plugins = ["tests.helpers.world", "tests.helpers.roles", "tests.helpers.redis_server"]
# The demo seed is judged as of this day, so what is overdue in it does not drift with the calendar.
SEED_TODAY = "2026-11-22"


def pytest_addoption(parser):
    parser.addoption(
        "--database", choices=("sqlite", "postgresql"), default="sqlite", help="database to run the suite on"
    )


def pytest_configure(config):
    # pytest-postgresql runs pg_ctl through our wrapper (root cannot run PostgreSQL itself).
    config.option.postgresql_exec = str(TESTS / "pg_ctl_unprivileged")


def make_config(database_url: str, tmp_path: Path | None = None, **overrides) -> TestConfig:
    config = TestConfig()
    config.SQLALCHEMY_DATABASE_URI = database_url
    config.TODAY = SEED_TODAY
    if tmp_path is not None:
        config.UPLOAD_FOLDER = str(tmp_path / "uploads")
        config.REMINDER_OUTBOX = str(tmp_path / "outbox")
        config.JOB_QUEUE_URL = f"sqlite:///{tmp_path / 'jobs.db'}"  # each test's queue its own, as its database
    for key, value in overrides.items():
        setattr(config, key, value)
    return config


def _migrate_and_maybe_seed(url: str, seed: bool) -> None:
    app = create_app(make_config(url))
    with app.app_context():
        upgrade()
        if seed:
            seed_demo(SEED)
        db.session.remove()
        db.engine.dispose()


class SqliteDatabases:
    def __init__(self, folder: Path):
        self.folder = folder
        self.templates = {}
        for name, seed in (("empty", False), ("seeded", True)):
            path = folder / f"template-{name}.db"
            _migrate_and_maybe_seed(f"sqlite:///{path}", seed)
            self.templates[name] = path

    def create(self, template: str, target: Path) -> str:
        shutil.copyfile(self.templates[template], target)
        return f"sqlite:///{target}"

    def blank(self, target: Path) -> str:
        """A database with nothing in it at all, not even the schema."""
        return f"sqlite:///{target}"

    def drop(self, url: str) -> None:
        pass  # the file goes with the test's tmp_path


class PostgresDatabases:
    _counter = itertools.count()

    def __init__(self, proc):
        self.admin = f"host={proc.host} port={proc.port} user={proc.user} dbname=postgres"
        self.base = f"postgresql+psycopg://{proc.user}@{proc.host}:{proc.port}"
        for name, seed in (("empty", False), ("seeded", True)):
            self._execute(f"CREATE DATABASE template_{name}")
            _migrate_and_maybe_seed(f"{self.base}/template_{name}", seed)

    def _execute(self, sql: str) -> None:
        with psycopg.connect(self.admin, autocommit=True) as conn:
            conn.execute(sql)

    def create(self, template: str, target: Path) -> str:
        name = f"test_{next(self._counter)}"
        self._execute(f"CREATE DATABASE {name} TEMPLATE template_{template}")
        return f"{self.base}/{name}"

    def blank(self, target: Path) -> str:
        """A database with nothing in it at all, not even the schema."""
        name = f"blank_{next(self._counter)}"
        self._execute(f"CREATE DATABASE {name} TEMPLATE template0")
        return f"{self.base}/{name}"

    def drop(self, url: str) -> None:
        self._execute(f"DROP DATABASE IF EXISTS {url.rsplit('/', 1)[1]} WITH (FORCE)")


@pytest.fixture(scope="session")
def databases(request, tmp_path_factory):
    if request.config.getoption("--database") == "postgresql":
        if not shutil.which("unshare") or not list(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl")):
            message = "PostgreSQL server binaries (pg_ctl) are not installed"
            if IN_CI:
                pytest.fail(message)
            pytest.skip(message)
        return PostgresDatabases(request.getfixturevalue("postgresql_proc"))
    return SqliteDatabases(tmp_path_factory.mktemp("templates"))


class _MemoryBytecodeCache(BytecodeCache):
    """Compiled templates shared by every test's app: compiling GOV.UK's macros afresh each test is slow."""

    def __init__(self):
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket):
        self.store[bucket.key] = bucket.bytecode_to_string()


_TEMPLATE_CACHE = _MemoryBytecodeCache()


def _app_on(databases, template: str, tmp_path: Path, **overrides) -> Iterator[Flask]:
    url = databases.create(template, tmp_path / "test.db")
    app = create_app(make_config(url, tmp_path, **overrides))
    app.jinja_env.bytecode_cache = _TEMPLATE_CACHE
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    databases.drop(url)


@pytest.fixture
def app(databases, tmp_path) -> Iterator[Flask]:
    """An app on an empty, migrated database."""
    yield from _app_on(databases, "empty", tmp_path)


@pytest.fixture
def seeded_app(databases, tmp_path) -> Iterator[Flask]:
    """An app on a database holding the demo seed."""
    yield from _app_on(databases, "seeded", tmp_path)


@pytest.fixture
def client(app) -> PageClient:
    return PageClient(app)


@pytest.fixture
def seeded_client(seeded_app) -> PageClient:
    return PageClient(seeded_app)


@pytest.fixture
def csrf_client(databases, tmp_path) -> Iterator[PageClient]:
    """A client on an app with CSRF protection on, as in production."""
    for app in _app_on(databases, "empty", tmp_path, WTF_CSRF_ENABLED=True):
        yield PageClient(app)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Under CI=true nothing may be skipped: a skip (a missing browser, no PostgreSQL) fails the run."""
    outcome = yield
    report = outcome.get_result()
    if IN_CI and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"Skipped under CI=true, which must run every test: {report.longrepr}"
