"""The suite's rule for which tests the PostgreSQL run leaves out (tests/conftest.py): those that use no
database, judged from their fixtures, and never one that reaches the database without naming it.

Most tests run pytest (in this process: pytester) on a few tests of its own, with the suite's conftest as a
plugin. The last checks the databases each test is given: fresh copies of the template, dropped after.
"""

from __future__ import annotations

import time

import psycopg
import pytest
from sqlalchemy import create_engine, inspect, text

from tests.conftest import PostgresDatabases

SOME_TESTS = """
import pytest


@pytest.fixture
def through_a_fixture(client):
    return client


def test_pure_function():
    assert sorted([2, 1]) == [1, 2]


def test_page(client):
    assert client


def test_world_through_a_fixture(through_a_fixture):
    assert through_a_fixture
"""

A_HIDDEN_DATABASE = """
def test_reaches_the_database_unnamed(request):
    assert request.getfixturevalue("databases")
"""


def run_pytest(pytester: pytest.Pytester, source: str, *options: str) -> pytest.RunResult:
    pytester.makepyfile(test_sample=source)
    # Not Playwright: its soft assertions keep state for the one test running, this one.
    plugins = ("-p", "tests.conftest", "-p", "no:playwright", "-p", "no:cacheprovider")
    return pytester.runpytest_inprocess(*plugins, "-q", *options)


def collected(result: pytest.RunResult) -> set[str]:
    return {line.rsplit("::", 1)[1] for line in result.outlines if "::" in line}


def test_the_postgresql_run_leaves_out_only_the_tests_that_use_no_database(pytester):
    result = run_pytest(pytester, SOME_TESTS, "--collect-only", "--database=postgresql")
    assert result.ret == 0, result.stdout.str()
    assert collected(result) == {"test_page", "test_world_through_a_fixture"}
    assert "1 deselected: they use no database and run under --database=sqlite" in result.stdout.str()


def test_the_sqlite_run_keeps_every_test(pytester):
    result = run_pytest(pytester, SOME_TESTS, "--collect-only", "--database=sqlite")
    assert result.ret == 0, result.stdout.str()
    assert collected(result) == {"test_pure_function", "test_page", "test_world_through_a_fixture"}


def test_a_test_that_reaches_the_database_without_naming_it_fails(pytester):
    result = run_pytest(pytester, A_HIDDEN_DATABASE, "--database=sqlite")
    assert result.ret == pytest.ExitCode.TESTS_FAILED, result.stdout.str()
    assert "reached the database (databases) without naming it among its fixtures" in result.stdout.str()


def _tables(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def _postgres_databases(databases) -> set[str]:
    with psycopg.connect(databases.admin) as conn:
        return {name for (name,) in conn.execute("SELECT datname FROM pg_database")}


def test_each_database_made_is_a_fresh_copy_of_the_template_and_a_dropped_one_goes(databases, tmp_path):
    """On PostgreSQL the next database is made ahead, while a test runs: it must still be the template as it
    is, untouched by the test before, and never handed out twice; a dropped one must really go."""
    first = databases.create("empty", tmp_path / "first.db")
    engine = create_engine(first)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE scribbled_on (x integer)"))
    engine.dispose()
    second = databases.create("empty", tmp_path / "second.db")
    assert second != first
    assert "scribbled_on" in _tables(first)
    assert "scribbled_on" not in _tables(second)
    assert "alembic_version" in _tables(second)  # migrated, as the template is
    databases.drop(first)
    databases.drop(second)
    if isinstance(databases, PostgresDatabases):
        names = {url.rsplit("/", 1)[1] for url in (first, second)}
        # Dropped by the background thread after the test asks; waited for, not timed.
        for _ in range(600):
            if not names & _postgres_databases(databases):
                break
            time.sleep(0.1)
        assert not names & _postgres_databases(databases)
