"""Production refuses to start when its own connection could change the audit trail, and starts (and
migrates, as the owner) when it connects as the application's role."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

from tests.conftest import make_config
from tests.helpers.paths import PROJECT
from tests.helpers.roles import PASSWORD
from tracker.app import create_app
from tracker.extensions import db
from tracker.production import UnsafeConfiguration

GOOD_KEY = "k" * 48


# A council written straight into the table, as the application role may.
FENMARSH = (
    "INSERT INTO authority (name, slug, short_name, possessive) "
    "VALUES ('Fenmarsh Council', 'fenmarsh', 'Fenmarsh', 'Fenmarsh’s')"
)


def _production(url: str, tmp_path: Path | None = None, **overrides):
    return make_config(url, tmp_path, PRODUCTION=True, SECRET_KEY=GOOD_KEY, **overrides)


def _as(url: str, role: str) -> str:
    return make_url(url).set(username=role, password=PASSWORD).render_as_string(hide_password=False)


def _superuser(database, statement: str) -> None:
    engine = create_engine(database.superuser_url)
    with engine.begin() as connection:
        connection.execute(text(statement))
    engine.dispose()


def test_production_refuses_to_connect_as_the_owner(role_database):
    with pytest.raises(UnsafeConfiguration, match=r"could change the audit trail: it owns it \(or can act"):
        create_app(_production(role_database.owner_url))


def test_production_refuses_a_superuser(role_database):
    with pytest.raises(UnsafeConfiguration, match="may UPDATE it, may DELETE from it, may TRUNCATE it"):
        create_app(_production(role_database.superuser_url))


def test_production_refuses_a_role_that_can_act_as_the_owner(role_database, database_roles):
    member = database_roles.another_role(member_of_owner=True)
    with pytest.raises(UnsafeConfiguration, match="owns it"):
        create_app(_production(_as(role_database.application_url, member)))


def test_production_refuses_the_application_role_once_granted_more(role_database):
    role = make_url(role_database.application_url).username
    _superuser(role_database, f"GRANT DELETE ON audit_event TO {role}")
    with pytest.raises(UnsafeConfiguration, match="it may DELETE from it. Connect"):
        create_app(_production(role_database.application_url))


def test_production_starts_as_the_application_role_and_migrates_as_the_owner(database_roles, tmp_path):
    """README's production section: a new database owned by the owner, then `flask --app wsgi db upgrade` under
    TRACKER_ENV=production (its app factory checks DATABASE_URL; the migration connects as the owner)."""
    database = database_roles.blank()
    try:
        environment = {
            **os.environ,
            "TRACKER_ENV": "production",
            "SECRET_KEY": GOOD_KEY,
            "DATABASE_URL": database.application_url,
            "MIGRATIONS_DATABASE_URL": database.owner_url,
            "UPLOAD_FOLDER": str(tmp_path / "uploads"),
        }
        command = [sys.executable, "-m", "flask", "--app", "wsgi", "db", "upgrade"]
        result = subprocess.run(command, cwd=PROJECT, env=environment, capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stderr

        app = create_app(_production(database.application_url, tmp_path))  # starts
        with app.app_context():
            db.session.execute(text(FENMARSH))
            db.session.commit()
            db.engine.dispose()
        with pytest.raises(UnsafeConfiguration, match="owns it"):
            create_app(_production(database.owner_url))
    finally:
        database_roles.drop(database)
