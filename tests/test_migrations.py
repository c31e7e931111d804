"""The schema comes only from the migrations: one head, an upgrade from empty, no drift from the models."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from tests.helpers.paths import PROJECT
from tracker.extensions import db


def test_there_is_one_migration_head():
    script = ScriptDirectory(str(PROJECT / "migrations"))
    assert len(script.get_heads()) == 1


def test_the_migrated_schema_matches_the_models(app):
    with app.app_context(), db.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection, opts={"compare_type": True}), db.metadata)
    assert diff == [], f"The models and the migrations differ; write a migration: {diff}"


def test_downgrade_to_empty_and_upgrade_again(app):
    with app.app_context():
        downgrade(revision="base")
        with db.engine.connect() as connection:
            assert set(inspect(connection).get_table_names()) <= {"alembic_version"}
        upgrade()
        with db.engine.connect() as connection:
            assert "action" in inspect(connection).get_table_names()
