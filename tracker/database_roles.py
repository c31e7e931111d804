"""Two database roles on PostgreSQL: the schema's owner, who migrates, and the application's, which cannot
change the audit trail.

`DATABASE_URL` is the application's own connection. `MIGRATIONS_DATABASE_URL`, when set, is the owner's:
`db upgrade`/`downgrade`, `backup restore` and `seed --reset` use it, and every migration run ends by
granting the application's role what it needs and no more (`grant_to_application`). The database trigger
stops an UPDATE or DELETE of an audit event, but whoever owns the table can switch the trigger off; the
application's role does not own it, so the trail stays as written whatever the application is made to run.
With one URL (SQLite, or PostgreSQL in development) both are the same connection and nothing is granted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from flask import Flask
from sqlalchemy import Connection, Engine, create_engine, make_url, text

from tracker.extensions import db

AUDIT_TABLE = "audit_event"
VERSION_TABLE = "alembic_version"
# What the application does to plan data; the audit trail and the migrations' version are narrowed below.
DATA_PRIVILEGES = "SELECT, INSERT, UPDATE, DELETE"
# Ids are SERIAL columns: inserting takes the next value of their sequences (USAGE); pg_dump reads them (SELECT).
SEQUENCE_PRIVILEGES = "USAGE, SELECT"

# Each power over audit_event that could change what it holds: rewriting or removing rows, or a trigger of
# one's own that drops new events. Owning the table (or acting as its owner) allows switching off or dropping
# the append-only trigger as well as granting oneself everything.
_POWERS = text(
    """
    SELECT pg_has_role(c.relowner, 'MEMBER') AS "owns it (or can act as its owner)",
           has_table_privilege(c.oid, 'UPDATE') AS "may UPDATE it",
           has_table_privilege(c.oid, 'DELETE') AS "may DELETE from it",
           has_table_privilege(c.oid, 'TRUNCATE') AS "may TRUNCATE it",
           has_table_privilege(c.oid, 'TRIGGER') AS "may add triggers to it"
    FROM pg_class c
    WHERE c.oid = to_regclass(:table)
    """
)


def owner_url(config: Mapping[str, Any]) -> str:
    """The URL schema changes are made with: the owner's when it is given, else the application's own."""
    return config.get("MIGRATIONS_DATABASE_URL") or config["SQLALCHEMY_DATABASE_URI"]


def application_role(config: Mapping[str, Any]) -> str | None:
    """The role to grant to: the application's, on PostgreSQL, when it is not the owner's; None otherwise."""
    application = make_url(config["SQLALCHEMY_DATABASE_URI"])
    owner = make_url(owner_url(config))
    if application.get_backend_name() != "postgresql" or application.username in (None, owner.username):
        return None
    return application.username


@contextmanager
def owner_engine(app: Flask) -> Iterator[Engine]:
    """An engine connecting as the schema's owner: the application's own when there is one URL."""
    url = owner_url(app.config)
    if url == app.config["SQLALCHEMY_DATABASE_URI"]:
        yield db.engine
        return
    engine = create_engine(url)
    try:
        yield engine
    finally:
        engine.dispose()


def grant_statements(role: str, schema: str, quote: Callable[[str], str]) -> list[str]:
    """Exactly the application's privileges: everything else is revoked first, so running them again also
    takes back whatever was granted by hand (UPDATE on the audit trail, say)."""
    r, s = quote(role), quote(schema)
    return [
        f"REVOKE ALL ON ALL TABLES IN SCHEMA {s} FROM {r}",
        f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {s} FROM {r}",
        f"GRANT {DATA_PRIVILEGES} ON ALL TABLES IN SCHEMA {s} TO {r}",
        f"REVOKE UPDATE, DELETE ON {s}.{AUDIT_TABLE} FROM {r}",  # append-only: read and add
        f"REVOKE INSERT, UPDATE, DELETE ON {s}.{VERSION_TABLE} FROM {r}",  # read by backups, moved by migrations
        f"GRANT {SEQUENCE_PRIVILEGES} ON ALL SEQUENCES IN SCHEMA {s} TO {r}",
        # Tables and sequences a later migration makes (as the owner) are the application's to use at once;
        # the audit trail and the version table are narrowed again by the statements above on every run.
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA {s} GRANT {DATA_PRIVILEGES} ON TABLES TO {r}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA {s} GRANT {SEQUENCE_PRIVILEGES} ON SEQUENCES TO {r}",
    ]


def grant_to_application(connection: Connection, config: Mapping[str, Any]) -> None:
    """Give the application's role (when it has its own) its privileges, in the caller's transaction, as the
    owner. Idempotent: the same privileges however often it runs."""
    role = application_role(config)
    if role is None:
        return
    schema = connection.scalar(text("SELECT current_schema()"))
    quote = connection.dialect.identifier_preparer.quote_identifier
    if connection.scalar(text("SELECT to_regclass(:t)"), {"t": f"{quote(schema)}.{AUDIT_TABLE}"}) is None:
        return  # no schema yet (a downgrade to nothing): there is nothing to grant on
    for statement in grant_statements(role, schema, quote):
        connection.exec_driver_sql(statement)


def audit_trail_powers(connection: Connection) -> list[str]:
    """What this connection's role could do to change the audit trail: nothing, for the application's role.
    Empty too where there is no audit trail yet (a new database) or no roles (SQLite)."""
    if connection.dialect.name != "postgresql":
        return []
    row = connection.execute(_POWERS, {"table": AUDIT_TABLE}).mappings().first()
    return [power for power, held in (row or {}).items() if held]
