"""PostgreSQL's two roles as production has them (a pytest plugin: see tests/conftest.py).

The suite's own connection is a superuser, which no privilege binds. Here an owner role owns a database and
migrates it through MIGRATIONS_DATABASE_URL, as `flask db upgrade` does in production, and an application
role only logs in and is granted the rest by that migration. Roles belong to the whole PostgreSQL cluster,
so their names are unique to the test run, and they are dropped at its end.
"""

from __future__ import annotations

import itertools
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import make_url

from tests.conftest import PostgresDatabases, _app_on, make_config
from tracker.app import create_app
from tracker.extensions import db

PASSWORD = "role-password-for-tests"


@dataclass(frozen=True)
class RoleDatabase:
    name: str
    owner_url: str
    application_url: str
    superuser_url: str


class DatabaseRoles:
    _counter = itertools.count()

    def __init__(self, databases: PostgresDatabases):
        self.admin = databases.admin
        self.server = make_url(databases.base)
        suffix = secrets.token_hex(4)
        self.owner = f"tracker_owner_{suffix}"
        self.application = f"tracker_app_{suffix}"
        self.others: list[str] = []
        for role in (self.owner, self.application):
            self.execute(f"CREATE ROLE {role} LOGIN PASSWORD '{PASSWORD}'")
        self.template = f"roles_template_{suffix}"
        self._make_database(self.template)
        migrate_as_owner(self._database(self.template))

    def execute(self, sql: str, dbname: str = "postgres") -> None:
        with psycopg.connect(self.admin, dbname=dbname, autocommit=True) as conn:
            conn.execute(sql)

    def _make_database(self, name: str) -> None:
        """As README's production section makes it: owned by the owner, who alone may create in its schema."""
        self.execute(f"CREATE DATABASE {name} TEMPLATE template0 OWNER {self.owner}")
        self.execute(f"REVOKE ALL ON DATABASE {name} FROM PUBLIC")
        self.execute(f"GRANT CONNECT ON DATABASE {name} TO {self.application}")
        self.execute(f"ALTER SCHEMA public OWNER TO {self.owner}", dbname=name)
        self.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC", dbname=name)

    def url(self, role: str, database: str) -> str:
        return self.server.set(username=role, password=PASSWORD, database=database).render_as_string(
            hide_password=False
        )

    def _database(self, name: str) -> RoleDatabase:
        return RoleDatabase(
            name=name,
            owner_url=self.url(self.owner, name),
            application_url=self.url(self.application, name),
            superuser_url=self.server.set(database=name).render_as_string(hide_password=False),
        )

    def create(self) -> RoleDatabase:
        """A database owned by the owner role, migrated by it, the application role granted its privileges."""
        name = f"{self.template}_{next(self._counter)}"
        self.execute(f"CREATE DATABASE {name} TEMPLATE {self.template} OWNER {self.owner}")
        self.execute(f"REVOKE ALL ON DATABASE {name} FROM PUBLIC")  # a copy's database privileges are its own
        self.execute(f"GRANT CONNECT ON DATABASE {name} TO {self.application}")
        return self._database(name)

    def blank(self) -> RoleDatabase:
        """A database owned by the owner role with nothing in it, as an operator makes one."""
        name = f"{self.template}_blank_{next(self._counter)}"
        self._make_database(name)
        return self._database(name)

    def another_role(self, *, member_of_owner: bool = False) -> str:
        """One more login role, dropped with the others (a role that can act as the owner, say)."""
        role = f"{self.application}_{len(self.others)}"
        self.execute(f"CREATE ROLE {role} LOGIN PASSWORD '{PASSWORD}'")
        if member_of_owner:
            self.execute(f"GRANT {self.owner} TO {role}")
        self.others.append(role)
        return role

    def drop(self, database: RoleDatabase) -> None:
        self.execute(f"DROP DATABASE IF EXISTS {database.name} WITH (FORCE)")

    def close(self) -> None:
        self.execute(f"DROP DATABASE IF EXISTS {self.template} WITH (FORCE)")
        for role in (*self.others, self.application, self.owner):
            self.execute(f"DROP ROLE IF EXISTS {role}")


def migrate_as_owner(database: RoleDatabase) -> None:
    """`flask db upgrade` with DATABASE_URL the application's role and MIGRATIONS_DATABASE_URL the owner's."""
    app = create_app(make_config(database.application_url, MIGRATIONS_DATABASE_URL=database.owner_url))
    with app.app_context():
        upgrade()
        db.engine.dispose()


def app_as_application(database: RoleDatabase, tmp_path: Path | None = None, **overrides) -> Flask:
    """An app connected as the application's role, knowing the owner's URL for what needs it."""
    overrides.setdefault("MIGRATIONS_DATABASE_URL", database.owner_url)
    return create_app(make_config(database.application_url, tmp_path, **overrides))


@pytest.fixture(scope="session")
def database_roles(databases) -> Iterator[DatabaseRoles]:
    if not isinstance(databases, PostgresDatabases):
        pytest.fail("Database roles are PostgreSQL's: run these tests with --database=postgresql")
    roles = DatabaseRoles(databases)
    yield roles
    roles.close()


@pytest.fixture
def role_database(database_roles) -> Iterator[RoleDatabase]:
    database = database_roles.create()
    yield database
    database_roles.drop(database)


@pytest.fixture
def application_app(request, databases, tmp_path) -> Iterator[Flask]:
    """An app connected as production connects it: on PostgreSQL as the application's role, whose schema
    another role owns and migrated; on SQLite, which has no roles, the usual app."""
    if not isinstance(databases, PostgresDatabases):
        yield from _app_on(databases, "empty", tmp_path)
        return
    app = app_as_application(request.getfixturevalue("role_database"), tmp_path)
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
