"""The audit trail: refusals and sign-ins recorded, searched by who, what and when, exported, never changed."""

import csv
import io
import re

import pytest
from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import DatabaseError

from tests.helpers.data import committed
from tests.helpers.factories import PASSWORD, make_user
from tracker.audit import record
from tracker.extensions import db
from tracker.models import Action, AuditEvent


def _count(app, **where) -> int:
    with committed(app):
        query = select(func.count(AuditEvent.id))
        for name, value in where.items():
            query = query.where(getattr(AuditEvent, name) == value)
        return db.session.scalar(query)


def test_a_permission_refusal_is_recorded(client, world):
    client.sign_in(world.owner)
    assert client.get("/dashboard").status_code == 403
    with committed(client.app):
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.event == "refused"))
        assert (event.actor_id, event.field, event.after) == (world.owner.id, "GET", "/dashboard")
        assert event.authority_id == world.owner.authority_id


def test_the_trail_is_searched_by_who_what_and_when(client, world):
    client.http.post("/sign-in", data={"email": world.owner.email, "password": "wrong password here"})
    client.http.post("/sign-in", data={"email": world.owner.email, "password": PASSWORD})
    client.sign_in(world.director)
    page = client.get_page("audit.search")
    assert int(re.search(r"(\d+) event", page.select_one("#audit-count").get_text()).group(1)) == _count(
        client.app, authority_id=world.owner.authority_id
    )

    page = client.get_page("audit.search", event="sign_in_failed")
    rows = page.select("#audit tbody tr")
    assert len(rows) == 1 and f"Sign in failed: account “{world.owner.job_title}”" in rows[0].get_text()

    page = client.get_page("audit.search", actor=world.owner.id)
    assert {r.select("td")[1].get_text(strip=True) for r in page.select("#audit tbody tr")} == {world.owner.job_title}
    assert not client.get_page("audit.search", **{"from": "2001-01-01", "to": "2001-12-31"}).select("#audit")


def test_a_bad_date_is_reported_and_nothing_listed(client, world):
    client.sign_in(world.director)
    page = client.get_page("audit.search", **{"from": "yesterday"})
    assert "Enter the date as year, month and day" in page.select_one(".govuk-error-summary").get_text()
    assert page.title.get_text().startswith("Error:")
    page = client.get_page("audit.search", **{"from": "2026-11-02", "to": "2026-11-01"})
    assert "same as or after the start date" in page.select_one(".govuk-error-summary").get_text()


def test_a_date_out_of_range_is_refused_not_a_crash(client, world):
    client.sign_in(world.director)
    page = client.get_page("audit.search", to="9999-12-31")
    assert "between 1900 and 2100" in page.select_one(".govuk-error-summary").get_text()
    assert client.get("audit.export", to="9999-12-31").status_code == 200


def test_a_value_that_looks_like_a_formula_is_escaped_in_the_csv(client, world):
    with committed(client.app):
        record(db.session.get(Action, world.action.id), "changed", None, field="title", after='=HYPERLINK("x")')
    client.sign_in(world.director)
    rows = list(csv.reader(io.StringIO(client.get("audit.export", event="changed").get_data(as_text=True))))
    assert rows[1][9] == '\'=HYPERLINK("x")'


def test_the_database_refuses_to_change_or_delete_an_event(app, world):
    with app.app_context():
        record(db.session.get(Action, world.action.id), "changed", None, field="title", after="A title")
        db.session.commit()
        for statement in (update(AuditEvent).values(after="rewritten"), delete(AuditEvent)):
            with pytest.raises(DatabaseError, match="cannot be changed or deleted"):
                db.session.execute(statement)
            db.session.rollback()


def test_the_csv_holds_the_same_events_as_the_search(client, world):
    client.http.post("/sign-in", data={"email": world.owner.email, "password": "wrong password here"})
    client.sign_in(world.director)
    response = client.get("audit.export", event="sign_in_failed")
    assert response.headers["Content-Disposition"].startswith("attachment")
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0][:4] == ["When (UTC)", "Who", "Email", "Event"]
    assert [r[3] for r in rows[1:]] == ["sign_in_failed"]
    everything = list(csv.reader(io.StringIO(client.get("audit.export").get_data(as_text=True))))
    assert len(everything) - 1 == _count(client.app, authority_id=world.owner.authority_id)


def test_a_director_sees_only_their_authoritys_events(client, world):
    client.sign_in(world.outsider)
    client.get("/dashboard")  # refused: recorded against Leeds
    client.sign_in(world.director)
    text = client.get("audit.export").get_data(as_text=True)
    assert world.outsider.email not in text


def test_the_audit_trail_pages_only_read(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("audit."):
            assert rule.methods <= {"GET", "HEAD", "OPTIONS"}, rule


def test_the_applications_own_connection_cannot_change_or_delete_an_event(application_app):
    """Whatever the application might be made to run: on PostgreSQL it connects as a role without the
    privilege (tests/helpers/roles.py; tests/database_roles tries the other ways), and on both the trigger
    refuses (test_the_database_refuses_to_change_or_delete_an_event)."""
    with committed(application_app):
        creator = make_user()
        record(creator, "created", None, field="email", after=creator.email)
    with application_app.app_context():
        before = db.session.execute(select(AuditEvent.__table__)).all()
        assert before
        refusal = "permission denied" if db.engine.dialect.name == "postgresql" else "cannot be changed or deleted"
        for statement in (update(AuditEvent).values(after="rewritten"), delete(AuditEvent)):
            with pytest.raises(DatabaseError, match=refusal):
                db.session.execute(statement)
            db.session.rollback()
        assert db.session.execute(select(AuditEvent.__table__)).all() == before
