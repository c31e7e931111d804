"""Backups with two roles: `backup create` as the application's role (DATABASE_URL), `backup restore` as the
owner (MIGRATIONS_DATABASE_URL), which owns what it restores and gives the application's role its privileges."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.exc import ProgrammingError

from tests.helpers.data import committed
from tests.helpers.roles import RoleDatabase, app_as_application
from tracker.audit import record
from tracker.extensions import db
from tracker.models import Action, AuditEvent


@pytest.fixture
def blank_database(database_roles) -> Iterator[RoleDatabase]:
    database = database_roles.blank()
    yield database
    database_roles.drop(database)


def test_a_backup_made_as_the_application_is_restored_as_the_owner(
    app, world, blank_database, database_roles, tmp_path
):
    with committed(app):
        record(db.session.get(Action, world.action.id), "changed", None, field="title", after="A title")
    backup = tmp_path / "backup"
    result = app.test_cli_runner().invoke(args=["backup", "create", str(backup)])
    assert result.exit_code == 0, result.output

    restored = app_as_application(blank_database, tmp_path / "restored")
    result = restored.test_cli_runner().invoke(args=["backup", "restore", str(backup)])
    assert result.exit_code == 0, result.output
    with committed(restored):  # the application's role reads the trail and adds to it, as before
        assert db.session.scalar(select(func.count(AuditEvent.id))) == 1
        record(db.session.get(Action, world.action.id), "changed", None, field="title", after="Another")
    with restored.app_context():
        db.engine.dispose()

    engine = create_engine(blank_database.application_url)
    try:
        with engine.connect() as connection:
            owner = connection.scalar(text("SELECT tableowner FROM pg_tables WHERE tablename = 'audit_event'"))
            assert owner == database_roles.owner
            with pytest.raises(ProgrammingError, match="permission denied for table audit_event"):
                connection.execute(text("UPDATE audit_event SET after = 'rewritten'"))
    finally:
        engine.dispose()
