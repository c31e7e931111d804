"""The application's role reads and writes the plan but cannot change the audit trail or the schema; the
owner's `db upgrade` keeps its privileges exactly so, for tables made later too. Here `app`, `client` and
`world` connect as the application's role (conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from psycopg.errors import InsufficientPrivilege
from sqlalchemy import Connection, create_engine, func, make_url, select, text
from sqlalchemy.exc import ProgrammingError

from tests.helpers.data import committed
from tests.helpers.factories import PASSWORD
from tests.helpers.paths import SEED_DOCUMENTS
from tests.helpers.roles import app_as_application, migrate_as_owner
from tracker.audit import record
from tracker.extensions import db
from tracker.models import Action, AuditEvent, DocumentImport
from tracker.seeding.operations import reset_database

EVERY_TRIGGER = "switch every trigger off"
# Each way the application's connection might change what the audit trail holds, or the schema.
TAMPERING = {
    "update an event": "UPDATE audit_event SET after = 'rewritten'",
    "delete events": "DELETE FROM audit_event",
    "truncate the trail": "TRUNCATE audit_event",
    "switch its trigger off": "ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only",
    "switch its own triggers off": "ALTER TABLE audit_event DISABLE TRIGGER USER",
    # As the issue found it done; its foreign keys' triggers are among ALL, so only a superuser may.
    EVERY_TRIGGER: "ALTER TABLE audit_event DISABLE TRIGGER ALL",
    "drop its trigger": "DROP TRIGGER audit_event_append_only ON audit_event",
    "add a trigger that drops new events": (
        "CREATE TRIGGER swallow BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only()"
    ),
    "alter another table": "ALTER TABLE action ADD COLUMN rewritten text",
    "drop another table": "DROP TABLE challenge",
    "move the schema's version": "UPDATE alembic_version SET version_num = 'de165b4fbe00'",
}


# A council written straight into the table, as the application role may.
FENMARSH = (
    "INSERT INTO authority (name, slug, short_name, possessive) "
    "VALUES ('Fenmarsh Council', 'fenmarsh', 'Fenmarsh', 'Fenmarsh’s')"
)


@contextmanager
def connected(url: str) -> Iterator[Connection]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            yield connection
    finally:
        engine.dispose()


def _refused(connection: Connection, statement: str) -> bool:
    """Whether PostgreSQL refuses the statement for want of privilege (a trigger's refusal would not count)."""
    try:
        connection.execute(text(statement))
    except ProgrammingError as exc:
        connection.rollback()
        return isinstance(exc.orig, InsufficientPrivilege)
    connection.rollback()
    return False


def _record_an_event(app, world) -> None:
    with committed(app):  # as the application's role, which may add to the trail
        record(db.session.get(Action, world.action.id), "changed", None, field="title", after="A title")


def _events(connection: Connection) -> list[tuple]:
    return connection.execute(text("SELECT * FROM audit_event ORDER BY id")).all()


def test_the_application_role_does_the_plans_work(client, world):
    response = client.http.post("/sign-in", data={"email": world.owner.email, "password": PASSWORD})
    assert response.status_code == 302, response.text[:500]
    update = {"rag": "amber", "rag_reason": "Two chairs left.", "recovery": "Agency chairs.", "narrative": "Hiring."}
    fields = client.form_fields("actions.progress", action_id=world.action.id)
    client.post_form("actions.progress", {**fields, **update}, status=302, action_id=world.action.id)
    client.sign_in(world.director)
    review = client.post_form(
        "imports.new", {"pasted": (SEED_DOCUMENTS / "000_fa815bd9a06c470f.txt").read_text()}, status=302
    )
    client.post_form(f"{review.location}/discard", {}, status=302)  # deletes the draft
    with committed(client.app):
        events = set(db.session.scalars(select(AuditEvent.event)))
        assert {"signed_in", "changed", "discarded"} <= events
        assert db.session.scalar(select(func.count(DocumentImport.id))) == 0


@pytest.mark.parametrize("statement", TAMPERING.values(), ids=TAMPERING.keys())
def test_the_application_role_cannot_change_the_audit_trail_or_the_schema(app, world, role_database, statement):
    _record_an_event(app, world)
    with connected(role_database.application_url) as connection:
        before = _events(connection)
        assert _refused(connection, statement), f"the application's role could {statement}"
        assert _events(connection) == before


def test_the_owner_could_do_each_which_is_why_the_application_is_not_the_owner(app, world, role_database):
    _record_an_event(app, world)
    for name, statement in TAMPERING.items():
        with connected(role_database.superuser_url if name == EVERY_TRIGGER else role_database.owner_url) as owner:
            owner.execute(text(TAMPERING["switch its trigger off"]))
            owner.execute(text(statement))  # no error: each refusal above is the role's, not the statement's
            owner.rollback()


def test_a_table_a_later_migration_makes_is_the_applications_to_use(role_database):
    with connected(role_database.owner_url) as owner:
        owner.execute(text("CREATE TABLE made_later (id SERIAL PRIMARY KEY, note TEXT)"))
        owner.commit()
    with connected(role_database.application_url) as application:
        application.execute(text("INSERT INTO made_later (note) VALUES ('written')"))
        application.execute(text("UPDATE made_later SET note = 'changed'"))
        application.execute(text("DELETE FROM made_later"))
        application.commit()
        assert _refused(application, "ALTER TABLE made_later ADD COLUMN extra int")


def test_db_upgrade_takes_back_what_was_granted_by_hand(role_database):
    with connected(role_database.superuser_url) as superuser:
        role = make_url(role_database.application_url).username
        superuser.execute(text(f"GRANT ALL ON audit_event, alembic_version TO {role}"))
        superuser.commit()
    with connected(role_database.application_url) as application:
        assert not _refused(application, TAMPERING["truncate the trail"])

    migrate_as_owner(role_database)  # already at the newest revision: only the grants run

    with connected(role_database.application_url) as application:
        for statement in (TAMPERING["update an event"], TAMPERING["truncate the trail"]):
            assert _refused(application, statement)
        assert _refused(application, TAMPERING["move the schema's version"])


def test_seed_reset_drops_and_migrates_as_the_owner(role_database, tmp_path):
    app = app_as_application(role_database, tmp_path)
    with app.app_context():
        reset_database()
        db.engine.dispose()
    with connected(role_database.application_url) as application:
        assert _refused(application, TAMPERING["update an event"])
        application.execute(text(FENMARSH))
        application.commit()
