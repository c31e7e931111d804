"""Sessions end when they should: on sign-out everywhere, when idle, when old, when the user is deactivated."""

from datetime import timedelta

import pytest

from tests.helpers.client import PageClient
from tests.helpers.data import committed
from tests.helpers.factories import PASSWORD, make_user
from tracker import sessions
from tracker.extensions import db
from tracker.models import User
from tracker.timeutil import utcnow


@pytest.fixture
def user(app):
    with committed(app):
        return make_user()


def _sign_in(client: PageClient, user) -> None:
    response = client.http.post("/sign-in", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 302 and response.location == "/", response.location


def _reaches_plan(client: PageClient) -> bool:
    response = client.get("/plan")
    assert response.status_code in (200, 302)
    return response.status_code == 200


class Clock:
    """Moves the sessions' clock forward without waiting."""

    def __init__(self, monkeypatch):
        self.now = utcnow()
        monkeypatch.setattr(sessions, "utcnow", lambda: self.now)

    def advance(self, **delta):
        self.now += timedelta(**delta)


def test_a_cookie_taken_before_sign_out_is_refused_after_it(app, user):
    client = PageClient(app)
    _sign_in(client, user)
    copied = client.http.get_cookie("session").value
    thief = PageClient(app)
    thief.http.set_cookie("session", copied)
    assert _reaches_plan(thief)

    client.http.post("/sign-out")
    assert not _reaches_plan(thief)
    assert thief.get("/plan").location.startswith("/sign-in")


def test_sign_in_starts_a_new_session(app, user):
    client = PageClient(app)
    with client.http.session_transaction() as planted:
        planted["sid"] = "chosen-by-an-attacker"
        planted["anything"] = "left over"
    _sign_in(client, user)
    with client.http.session_transaction() as session:
        assert session["sid"] != "chosen-by-an-attacker"
        assert "anything" not in session


def test_an_idle_session_ends_after_thirty_minutes(app, user, monkeypatch):
    clock = Clock(monkeypatch)
    client = PageClient(app)
    _sign_in(client, user)
    clock.advance(minutes=29)
    assert _reaches_plan(client)  # activity: the idle time starts again
    clock.advance(minutes=29)
    assert _reaches_plan(client)
    clock.advance(minutes=31)
    response = client.get("/plan")
    assert response.status_code == 302 and response.location.startswith("/sign-in")
    page = client.get_page(response.location)
    assert "signed out after 30 minutes without activity" in page.get_text()


def test_a_session_ends_twelve_hours_after_sign_in_however_busy(app, user, monkeypatch):
    clock = Clock(monkeypatch)
    client = PageClient(app)
    _sign_in(client, user)
    for _ in range(11 * 60 // 25):
        clock.advance(minutes=25)
        assert _reaches_plan(client)
    clock.advance(hours=1, minutes=30)
    assert not _reaches_plan(client)


def test_the_time_outs_are_configurable(app, user, monkeypatch):
    app.config["SESSION_IDLE_MINUTES"] = 5
    clock = Clock(monkeypatch)
    client = PageClient(app)
    _sign_in(client, user)
    clock.advance(minutes=6)
    assert not _reaches_plan(client)


def test_a_deactivated_user_is_signed_out_at_the_next_request(app, user):
    client = PageClient(app)
    _sign_in(client, user)
    assert _reaches_plan(client)
    with committed(app):
        db.session.get(User, user.id).active = False
    assert not _reaches_plan(client)


def test_ending_all_sessions_signs_out_every_device(app, user):
    laptop, phone = PageClient(app), PageClient(app)
    _sign_in(laptop, user)
    _sign_in(phone, user)
    with committed(app):
        sessions.end_all(db.session.get(User, user.id))
    assert not _reaches_plan(laptop) and not _reaches_plan(phone)


def test_the_session_cookie_is_httponly_lax_and_secure_in_production(app, user):
    from tracker.config import ProductionConfig

    client = PageClient(app)
    response = client.http.post("/sign-in", data={"email": user.email, "password": PASSWORD})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert ProductionConfig.SESSION_COOKIE_SECURE and ProductionConfig.REMEMBER_COOKIE_SECURE
