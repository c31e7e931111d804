"""The device cookie a browser gets when it has signed in: what it is, and when it is given."""

from __future__ import annotations

from tests.conftest import _app_on
from tests.helpers.client import PageClient
from tests.helpers.data import committed
from tests.helpers.factories import PASSWORD, make_user
from tracker.accounts import operations
from tracker.auth import devices
from tracker.extensions import db
from tracker.models import User


def _sign_in(client: PageClient, email: str, password: str = PASSWORD):
    return client.http.post("/sign-in", data={"email": email, "password": password})


def _device_cookie_header(response) -> str:
    headers = [h for h in response.headers.getlist("Set-Cookie") if h.startswith(devices.COOKIE + "=")]
    assert len(headers) == 1, response.headers.getlist("Set-Cookie")
    return headers[0]


def test_signing_in_gives_a_long_lived_cookie_scripts_and_other_sites_cannot_use(client):
    with committed(client.app):
        user = make_user()
    header = _device_cookie_header(_sign_in(client, user.email))
    attributes = {part.strip().split("=")[0].lower(): part.strip() for part in header.split(";")[1:]}
    assert attributes["max-age"] == f"Max-Age={180 * 24 * 60 * 60}"
    assert attributes["path"] == "Path=/sign-in"  # sent to the sign-in steps only
    assert "httponly" in attributes
    assert attributes["samesite"] == "SameSite=Lax"
    assert "secure" not in attributes  # the test configuration, like development, is plain HTTP


def test_the_cookie_is_secure_where_sessions_are(databases, tmp_path):
    for app in _app_on(databases, "empty", tmp_path, SESSION_COOKIE_SECURE=True):
        with committed(app):
            user = make_user()
        header = _device_cookie_header(_sign_in(PageClient(app), user.email))
        assert "secure" in [part.strip().lower() for part in header.split(";")]


def test_each_sign_in_gives_a_new_device_and_a_failure_gives_none(client):
    with committed(client.app):
        user = make_user()
    failed = _sign_in(client, user.email, "wrong password")
    assert not [h for h in failed.headers.getlist("Set-Cookie") if h.startswith(devices.COOKIE)]
    first = _device_cookie_header(_sign_in(client, user.email))
    client.sign_out()
    second = _device_cookie_header(_sign_in(client, user.email))
    assert first != second
    with client.app.test_request_context(headers={"Cookie": second.split(";")[0]}):
        nonce = devices.nonce_for(user.email, devices.password_mark(user))
    with client.app.test_request_context(headers={"Cookie": first.split(";")[0]}):
        assert devices.nonce_for(user.email, devices.password_mark(user)) not in (None, nonce)
        assert devices.nonce_for("someone.else@testshire.example.org", devices.password_mark(user)) is None
        assert devices.nonce_for(user.email, None) is None  # as for an email with no account


def test_a_new_password_makes_the_old_device_cookies_worthless(client):
    """A browser that once knew the password (a thief's, or before an administrator's reset) keeps no
    allowance of its own once the password changes."""
    with committed(client.app):
        user = make_user()
    cookie = _device_cookie_header(_sign_in(client, user.email)).split(";")[0]
    with client.app.app_context():
        before = devices.password_mark(db.session.get(User, user.id))
        with client.app.test_request_context(headers={"Cookie": cookie}):
            assert devices.nonce_for(user.email, before)
    with committed(client.app):
        operations.set_password(user, db.session.get(User, user.id), "a brand new password of mine")
    with client.app.app_context():
        after = devices.password_mark(db.session.get(User, user.id))
        assert after != before
        with client.app.test_request_context(headers={"Cookie": cookie}):
            assert devices.nonce_for(user.email, after) is None
