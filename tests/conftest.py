"""Fixtures for the whole suite.

The database is built from the migrations, never from the models, once per session into a template
(SQLite: a file copied for each test; PostgreSQL: a template database each test's database is created
from). `--database=postgresql` runs the suite against a throwaway PostgreSQL started with pg_ctl.

A test that does not use the database (none of DATABASE_FIXTURES among its fixtures, directly or through
other fixtures) has nothing that differs between the two runs, so it runs only under --database=sqlite and
is deselected under --database=postgresql: see `uses_database` and `database_use_declared`.
"""

from __future__ import annotations

import itertools
import os
import queue
import shutil
import threading
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
# pytester: tests/test_conftest.py runs pytest on sample tests to check the rules below.
pytest_plugins = ["tests.helpers.world", "tests.helpers.roles", "tests.helpers.redis_server", "pytester"]
# The demo seed is judged as of this day, so what is overdue in it does not drift with the calendar.
SEED_TODAY = "2026-11-22"
# Every way a test reaches the run's database: `databases` (behind app, seeded_app, client, world and all
# the rest) and pytest-postgresql's own fixtures.
DATABASE_FIXTURES = frozenset({"databases", "postgresql_proc", "postgresql"})
NO_DATABASE = "no_database"
_deselected_key = pytest.StashKey[int]()


def pytest_addoption(parser):
    parser.addoption(
        "--database", choices=("sqlite", "postgresql"), default="sqlite", help="database to run the suite on"
    )


def pytest_configure(config):
    # pytest-postgresql runs pg_ctl through our wrapper (root cannot run PostgreSQL itself).
    config.option.postgresql_exec = str(TESTS / "pg_ctl_unprivileged")
    config.addinivalue_line("markers", f"{NO_DATABASE}: set by the suite on each test that uses no database")


def uses_database(item: pytest.Item) -> bool:
    """Whether the test asks for the database, directly or through the fixtures it uses (pytest's closure)."""
    return not DATABASE_FIXTURES.isdisjoint(getattr(item, "fixturenames", ()))


def pytest_collection_modifyitems(config, items):
    """A test that uses no database (the parser over the corpus, pure functions, templates read as files)
    would repeat under PostgreSQL exactly what it did under SQLite, so the PostgreSQL run leaves it out."""
    for item in items:
        if not uses_database(item):
            item.add_marker(NO_DATABASE)
    if config.getoption("--database") != "postgresql":
        return
    deselected = [item for item in items if item.get_closest_marker(NO_DATABASE)]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if not item.get_closest_marker(NO_DATABASE)]
        config.stash[_deselected_key] = len(deselected)


def pytest_terminal_summary(terminalreporter, config):
    if count := config.stash.get(_deselected_key, 0):
        terminalreporter.write_line(f"{count} deselected: they use no database and run under --database=sqlite")


@pytest.fixture(autouse=True)
def database_use_declared(request):
    """Keeps the rule above honest: a test judged to use no database that reaches one all the same (through
    request.getfixturevalue, which pytest's closure cannot see) fails, rather than going untested on
    PostgreSQL. Such a test should name the fixture it needs."""
    yield
    reached = DATABASE_FIXTURES.intersection(request.fixturenames)
    if request.node.get_closest_marker(NO_DATABASE) and reached:
        pytest.fail(
            f"{request.node.nodeid} reached the database ({', '.join(sorted(reached))}) without naming it among "
            "its fixtures, so the PostgreSQL run would leave it out: ask for the fixture by name"
        )


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


# The two templates a test's database starts from, and whether each holds the demo seed. Each is built the
# first time a test asks for it, so a run of a few tests on empty databases does not seed the demo.
TEMPLATES = {"empty": False, "seeded": True}


class SqliteDatabases:
    def __init__(self, folder: Path):
        self.folder = folder
        self.templates: dict[str, Path] = {}

    def _template(self, name: str) -> Path:
        if name not in self.templates:
            path = self.folder / f"template-{name}.db"
            _migrate_and_maybe_seed(f"sqlite:///{path}", TEMPLATES[name])
            self.templates[name] = path
        return self.templates[name]

    def create(self, template: str, target: Path) -> str:
        shutil.copyfile(self._template(template), target)
        return f"sqlite:///{target}"

    def blank(self, target: Path) -> str:
        """A database with nothing in it at all, not even the schema."""
        return f"sqlite:///{target}"

    def drop(self, url: str) -> None:
        pass  # the file goes with the test's tmp_path


class PostgresDatabases:
    """Each test's database is made from a template by CREATE DATABASE, which takes the server a tenth of a
    second or more, and dropped after it, nearly as long: a background thread does both, keeping the next
    test's database ready for each template while the current test runs and dropping used ones after, so
    the tests do not wait for either."""

    _counter = itertools.count()

    def __init__(self, proc):
        self.admin = f"host={proc.host} port={proc.port} user={proc.user} dbname=postgres"
        self.base = f"postgresql+psycopg://{proc.user}@{proc.host}:{proc.port}"
        self.templates: set[str] = set()
        # A database made ahead for each template (or why it could not be made).
        self._ready: dict[str, queue.Queue[str | Exception]] = {}
        # Work for the thread, making before dropping: (priority, order, what, name).
        self._work: queue.PriorityQueue[tuple[int, int, str, str]] = queue.PriorityQueue()
        self._failures: list[Exception] = []  # drops that failed, reported at the end of the run
        self._thread = threading.Thread(target=self._serve, name="test databases", daemon=True)
        self._thread.start()

    def _template(self, name: str) -> str:
        if name not in self.templates:
            self._execute(f"CREATE DATABASE template_{name}")
            _migrate_and_maybe_seed(f"{self.base}/template_{name}", TEMPLATES[name])
            self.templates.add(name)
            self._ready[name] = queue.Queue()
            self._ask("make", name)
        return f"template_{name}"

    def _execute(self, sql: str) -> None:
        with psycopg.connect(self.admin, autocommit=True) as conn:
            conn.execute(sql)

    def _ask(self, what: str, name: str) -> None:
        self._work.put((0 if what == "make" else 1, next(self._counter), what, name))

    def _serve(self) -> None:
        while True:
            _, _, what, name = self._work.get()
            if what == "stop":
                return
            try:
                if what == "drop":
                    self._execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
                    continue
                made = f"test_{next(self._counter)}"
                # FILE_COPY copies the template's files whole: faster than WAL_LOG's page by page for
                # databases this small (and the throwaway server runs without fsync).
                self._execute(f"CREATE DATABASE {made} TEMPLATE template_{name} STRATEGY FILE_COPY")
                self._ready[name].put(made)
            except Exception as error:  # the test waiting for it, or the end of the run, fails with the reason
                if what == "drop":
                    self._failures.append(error)
                else:
                    self._ready[name].put(error)

    def create(self, template: str, target: Path) -> str:
        self._template(template)
        made = self._ready[template].get()
        if isinstance(made, Exception):
            raise made
        self._ask("make", template)  # the next test's, made while this one runs
        return f"{self.base}/{made}"

    def blank(self, target: Path) -> str:
        """A database with nothing in it at all, not even the schema."""
        name = f"blank_{next(self._counter)}"
        self._execute(f"CREATE DATABASE {name} TEMPLATE template0")
        return f"{self.base}/{name}"

    def drop(self, url: str) -> None:
        """Dropped by the thread after the test; WITH (FORCE) ends any connection a test's server left."""
        self._ask("drop", url.rsplit("/", 1)[1])

    def close(self) -> None:
        """Waits for the drops still to do; the server, and the databases made ahead, go with the run."""
        self._work.put((2, next(self._counter), "stop", ""))
        self._thread.join()
        if self._failures:
            raise RuntimeError(f"Test databases could not be dropped: {self._failures}")


@pytest.fixture(scope="session")
def databases(request, tmp_path_factory):
    if request.config.getoption("--database") == "postgresql":
        if not shutil.which("unshare") or not list(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl")):
            message = "PostgreSQL server binaries (pg_ctl) are not installed"
            if IN_CI:
                pytest.fail(message)
            pytest.skip(message)
        postgres = PostgresDatabases(request.getfixturevalue("postgresql_proc"))
        yield postgres
        postgres.close()
        return
    yield SqliteDatabases(tmp_path_factory.mktemp("templates"))


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
