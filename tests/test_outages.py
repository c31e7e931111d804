"""The database out of reach: a GOV.UK page saying the service is unavailable (503) with a reference that
is logged beside the stack trace, never a bare "Internal Server Error"; and the service back by itself
when the database is.

Issue 16 found that with PostgreSQL stopped a signed-in person got 141 bytes of "Internal Server Error":
loading them for the page's header failed again inside the error page. Here the outage is real. On
PostgreSQL the app reaches its database through a proxy the test cuts (tests/helpers/tcp_proxy.py); on
SQLite the database file's folder is moved away, so the file cannot be opened.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url

from tests.conftest import make_config
from tests.helpers.client import PageClient, check_page
from tests.helpers.data import committed
from tests.helpers.factories import make_action, make_authority, make_inspection, make_point, make_user
from tests.helpers.tcp_proxy import TcpProxy
from tracker.app import create_app
from tracker.config import Config
from tracker.extensions import db
from tracker.models import Milestone, Role, User
from tracker.security import requires_role


@dataclass
class Outage:
    app: Flask
    owner: User
    action_id: int
    cut: Callable[[], None]
    restore: Callable[[], None]


def _dispose(app: Flask) -> None:
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def _setting_up(url: str, tmp_path: Path) -> tuple[User, int]:
    """An owner and their action, made through an app of its own (the app under test has not connected)."""
    setup = create_app(make_config(url, tmp_path))
    with committed(setup):
        authority = make_authority()
        owner = make_user(authority, Role.SERVICE_MANAGER)
        action = make_action(make_point(make_inspection(authority)), owner, make_user(authority, Role.DIRECTOR))
    _dispose(setup)
    return owner, action.id


@pytest.fixture
def outage(databases, tmp_path, request) -> Iterator[Outage]:
    """The app under test, as production configures its pool (pinging each connection it takes out), and a
    way to take its database out of reach and bring it back."""
    production_pool = {"SQLALCHEMY_ENGINE_OPTIONS": Config.SQLALCHEMY_ENGINE_OPTIONS}
    if request.config.getoption("--database") == "postgresql":
        url = databases.create("empty", tmp_path / "unused")
        owner, action_id = _setting_up(url, tmp_path)
        direct = make_url(url)
        proxy = TcpProxy(direct.host, direct.port)
        app = create_app(make_config(direct.set(port=proxy.port).render_as_string(False), tmp_path, **production_pool))
        yield Outage(app, owner, action_id, proxy.cut, proxy.restore)
        _dispose(app)
        proxy.close()
        databases.drop(url)
    else:
        folder = tmp_path / "database"
        folder.mkdir()
        url = databases.create("empty", folder / "tracker.db")
        owner, action_id = _setting_up(url, tmp_path)
        away = tmp_path / "moved-away"
        app = create_app(make_config(url, tmp_path, **production_pool))
        yield Outage(app, owner, action_id, lambda: folder.rename(away), lambda: away.rename(folder))
        _dispose(app)


def _reference(response, caplog) -> str:
    """The 503 page's reference, checked to be in the log beside the stack trace of the failure."""
    assert response.status_code == 503, response.get_data(as_text=True)[:500]
    page = check_page(response.get_data(as_text=True))
    assert page.h1.get_text(strip=True) == "Sorry, the service is unavailable"
    reference = page.select_one("#reference").get_text(strip=True)
    assert re.fullmatch(r"[0-9A-F]{8}", reference)
    logged = [r for r in caplog.records if reference in r.getMessage()]
    assert len(logged) == 1 and logged[0].exc_info and logged[0].levelno == logging.ERROR
    assert "Traceback" not in response.get_data(as_text=True)
    # Nobody is shown as signed in, and there is no menu: drawing either would need the database.
    assert not page.select(".tracker-signed-in, .govuk-service-navigation__list")
    return reference


def test_out_of_reach_the_database_gets_a_503_page_with_a_logged_reference_and_it_recovers(outage, caplog):
    client = PageClient(outage.app)
    client.sign_in(outage.owner)
    outage.cut()
    with caplog.at_level(logging.ERROR):
        # The person is loaded from the database before any view runs: that is what fails first.
        first = _reference(client.get("actions.my_actions"), caplog)
        milestone = {"title": "Typed during the outage", "due_date": ["1", "2", "2027"]}
        second = _reference(client.http.post(f"/actions/{outage.action_id}/milestones/new", data=milestone), caplog)
    assert first != second
    health = client.get("/healthz")
    assert (health.status_code, health.get_json()) == (503, {"status": "unavailable"})

    outage.restore()
    # No restart: the next request reaches the database, and the person is still signed in.
    page = client.get_page("actions.my_actions")
    assert page.select_one(".tracker-signed-in")
    assert client.get("/healthz").get_json() == {"status": "ok"}
    with outage.app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Milestone)) == 0


def test_signing_in_while_the_database_is_out_of_reach_gets_the_503_page(outage, caplog):
    client = PageClient(outage.app)
    assert client.get_page("auth.login").h1.get_text(strip=True) == "Sign in"  # needs no database
    outage.cut()
    with caplog.at_level(logging.ERROR):
        response = client.http.post("/sign-in", data={"email": outage.owner.email, "password": "anything at all"})
        _reference(response, caplog)


@pytest.fixture
def failing_sql_app(app):
    """The app with one route whose SQL is wrong: a database error, but the database is there."""

    @requires_role(*Role)
    def bad_sql():
        db.session.execute(text("SELECT no_such_column FROM no_such_table"))

    app.add_url_rule("/bad-sql", "bad_sql", bad_sql)
    app.config["PROPAGATE_EXCEPTIONS"] = False  # as in production: the error page, not the exception
    return app


def test_a_database_error_that_is_not_an_outage_is_a_fault_of_ours_500(failing_sql_app, caplog):
    client = PageClient(failing_sql_app)
    with committed(failing_sql_app):
        user = make_user()
    client.sign_in(user)
    with caplog.at_level(logging.ERROR):
        response = client.get("/bad-sql")
    assert response.status_code == 500
    page = check_page(response.get_data(as_text=True))
    assert page.h1.get_text(strip=True) == "Sorry, there is a problem with the service"
    reference = page.select_one("#reference").get_text(strip=True)
    assert any(reference in r.getMessage() and r.exc_info for r in caplog.records)
    # A fault with the database there still shows who is signed in.
    assert page.select_one(".tracker-signed-in")
