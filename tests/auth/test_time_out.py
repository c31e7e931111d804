"""The time-out warning's side of the server: the page says the limits, and the script can ask and keep the session."""

from datetime import timedelta

import pytest

from tests.helpers.data import committed
from tests.helpers.factories import make_user
from tracker import sessions
from tracker.timeutil import utcnow


@pytest.fixture
def clock(monkeypatch):
    """The sessions' clock, held still and moved by hand."""

    class Clock:
        now = utcnow()

        def advance(self, **delta):
            self.now += timedelta(**delta)

    held = Clock()
    monkeypatch.setattr(sessions, "utcnow", lambda: held.now)
    return held


def _sign_in(client, user, clock) -> None:
    """Signed in at the held clock's now, so the sums below are exact."""
    client.sign_in(user)
    with client.http.session_transaction() as session:
        session["signed_in_at"] = session["seen_at"] = clock.now.isoformat()


def _seconds_left(client) -> int:
    response = client.get("auth.time_left")
    assert response.status_code == 200 and response.is_json
    return response.json["seconds_left"]


def test_signed_in_pages_carry_the_warning_with_the_limits_and_the_sign_in_page_does_not(client, app):
    app.config.update(SESSION_IDLE_MINUTES=20, SESSION_WARNING_SECONDS=90)
    assert client.get_page("auth.login").select_one("#timeout-warning") is None
    with committed(app):
        user = make_user()
    client.sign_in(user)
    dialog = client.get_page("/my-actions").select_one("dialog#timeout-warning")
    assert dialog["data-idle-seconds"] == "1200" and dialog["data-warning-seconds"] == "90"
    assert dialog["data-time-left-url"] == "/session/time-left"
    assert dialog["data-stay-signed-in-url"] == "/session/stay-signed-in"
    heading = dialog.select_one(f"#{dialog['aria-labelledby']}")
    assert heading.get_text(strip=True) == "You’re about to be signed out"
    assert "we will sign you out in" in dialog.select_one(f"#{dialog['aria-describedby']}").get_text()
    assert [button.get_text(strip=True) for button in dialog.select("button")] == ["Stay signed in", "Sign out"]


def test_asking_how_long_is_left_is_not_activity_but_staying_signed_in_is(client, app, clock):
    with committed(app):
        user = make_user()
    _sign_in(client, user, clock)
    clock.advance(minutes=1)
    client.get("home.index")  # activity: the idle time starts again
    clock.advance(minutes=20)
    assert _seconds_left(client) == 10 * 60
    clock.advance(minutes=5)
    assert _seconds_left(client) == 5 * 60  # asking did not start it again
    assert client.http.post("/session/stay-signed-in").json["seconds_left"] == 30 * 60
    clock.advance(minutes=29)
    assert _seconds_left(client) == 60


def test_the_time_left_is_the_absolute_limit_when_that_comes_first(client, app, clock):
    app.config["SESSION_ABSOLUTE_HOURS"] = 1
    with committed(app):
        user = make_user()
    _sign_in(client, user, clock)
    for _ in range(3):
        clock.advance(minutes=15)
        client.get("home.index")
    assert _seconds_left(client) == 15 * 60


def test_an_ended_session_answers_none_left_and_the_next_page_goes_to_sign_in(client, app, clock):
    with committed(app):
        user = make_user()
    _sign_in(client, user, clock)
    clock.advance(minutes=31)
    # Asking does not empty the session: a form typed into may still be posted, to be held for after sign-in.
    assert _seconds_left(client) == 0
    response = client.get("/my-actions")
    assert response.status_code == 302 and response.location.startswith("/sign-in")
