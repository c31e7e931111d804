"""The sign-in throttle with device cookies: strangers' guesses pause strangers, never a browser the
person has signed in with before (issue 16's finding 4), while guessing stays slow for everyone else.

The app stands behind one proxy (PROXY_COUNT=1), so X-Forwarded-For plays each request's address.
"""

from __future__ import annotations

import logging
import time

import pyotp
import pytest
from itsdangerous import TimestampSigner, URLSafeTimedSerializer
from sqlalchemy import select

from tests.conftest import _app_on
from tests.helpers.client import PageClient
from tests.helpers.data import committed
from tests.helpers.factories import PASSWORD, make_user
from tests.helpers.phone import Phone
from tests.helpers.processes import free_port
from tracker.auth import devices
from tracker.extensions import db
from tracker.models import AuditEvent, User

WRONG = "not the right password at all"
DAY = 24 * 60 * 60


@pytest.fixture
def app(databases, tmp_path):
    """Behind one reverse proxy, as README's production set-up runs it."""
    yield from _app_on(databases, "empty", tmp_path, PROXY_COUNT=1)


class Browser:
    """One browser: its own cookies, and whatever network address it is at for the next request."""

    def __init__(self, app, address: str):
        self.client = PageClient(app)
        self.address = address

    def sign_in(self, email: str, password: str):
        return self.client.http.post(
            "/sign-in", data={"email": email, "password": password}, headers={"X-Forwarded-For": self.address}
        )

    def is_signed_in(self) -> bool:
        return self.client.get("/plan").status_code == 200

    def sign_out(self) -> None:
        assert self.client.http.post("/sign-out").status_code == 302

    def device_cookie(self) -> str | None:
        cookie = self.client.http.get_cookie(devices.COOKIE, path=devices.PATH)
        return cookie.value if cookie else None

    def hold_device_cookie(self, value: str) -> None:
        self.client.http.set_cookie(devices.COOKIE, value, path=devices.PATH)


def trusted_browser(app, user: User, address: str = "192.0.2.10") -> Browser:
    """The person's own browser, which has signed in before (and signed out since)."""
    browser = Browser(app, address)
    assert browser.sign_in(user.email, PASSWORD).status_code == 302
    assert browser.device_cookie()
    browser.sign_out()
    return browser


def strangers_pause(app, email: str) -> None:
    """Twenty wrong passwords from five addresses, four from each (under the one-address limit of five):
    the account is paused for every untrusted client."""
    for n in range(20):
        assert Browser(app, f"203.0.113.{n // 4}").sign_in(email, WRONG).status_code == 200
    assert Browser(app, "198.51.100.1").sign_in(email, PASSWORD).status_code == 429


def test_strangers_guessing_do_not_stop_the_person_signing_in_from_their_own_browser(app, world):
    """Finding 4: 20 wrong passwords from a few addresses paused the account, and the real person then got
    429 with the right password from a new address."""
    own = trusted_browser(app, world.owner)
    strangers_pause(app, world.owner.email)
    own.address = "198.51.100.200"  # at home today
    response = own.sign_in(world.owner.email, PASSWORD)
    assert response.status_code == 302
    assert own.is_signed_in()


def test_without_a_device_cookie_the_account_stays_paused_for_untrusted_clients(app, world):
    strangers_pause(app, world.owner.email)
    for address in ("198.51.100.2", "198.51.100.3"):
        refused = Browser(app, address).sign_in(world.owner.email, PASSWORD)
        assert refused.status_code == 429
        assert "Too many attempts to sign in" in refused.get_data(as_text=True)


def test_a_device_cookie_for_another_account_gives_no_allowance(app, world):
    shared = trusted_browser(app, world.director)
    strangers_pause(app, world.owner.email)
    assert shared.sign_in(world.owner.email, PASSWORD).status_code == 429
    # The cookie still serves the account it names.
    assert shared.sign_in(world.director.email, PASSWORD).status_code == 302


def test_a_forged_or_altered_device_cookie_gives_no_allowance(app, world):
    own = trusted_browser(app, world.owner)
    genuine = own.device_cookie()
    strangers_pause(app, world.owner.email)
    forged = URLSafeTimedSerializer("not the secret key", salt=devices.SALT).dumps(
        {"account": world.owner.email, "nonce": "chosen-by-the-attacker"}
    )
    payload, signature = genuine.rsplit(".", 1)
    altered = payload + "." + ("A" if signature[0] != "A" else "B") + signature[1:]
    for value in (forged, altered, "not a cookie at all"):
        browser = Browser(app, "198.51.100.4")
        browser.hold_device_cookie(value)
        assert browser.sign_in(world.owner.email, PASSWORD).status_code == 429, value
    own.hold_device_cookie(genuine)
    assert own.sign_in(world.owner.email, PASSWORD).status_code == 302


def _password_mark(app, user) -> str:
    with app.app_context():
        return devices.password_mark(db.session.get(User, user.id))


def _issued_days_ago(app, days: int, claims: dict) -> str:
    """A genuine device cookie (the app's key and salt) as if it had been issued some days ago."""

    class Backdated(TimestampSigner):
        def get_timestamp(self) -> int:
            return int(time.time()) - days * DAY

    return URLSafeTimedSerializer(app.config["SECRET_KEY"], salt=devices.SALT, signer=Backdated).dumps(claims)


def test_an_expired_device_cookie_gives_no_allowance(app, world):
    strangers_pause(app, world.owner.email)
    lifetime = devices.LIFETIME.days
    for days, expected in ((lifetime + 1, 429), (lifetime - 1, 302)):
        browser = Browser(app, "198.51.100.5")
        claims = {"account": world.owner.email, "password": _password_mark(app, world.owner), "nonce": f"n{days}"}
        browser.hold_device_cookie(_issued_days_ago(app, days, claims))
        assert browser.sign_in(world.owner.email, PASSWORD).status_code == expected, days


def test_a_trusted_device_that_guesses_is_paused_on_its_own(app, world):
    own = trusted_browser(app, world.owner)
    for n in range(5):
        own.address = f"203.0.113.{n}"  # wherever it goes, the browser's own allowance goes with it
        assert own.sign_in(world.owner.email, WRONG).status_code == 200
    own.address = "203.0.113.99"
    assert own.sign_in(world.owner.email, PASSWORD).status_code == 429
    # Its failures count against it alone: another browser of the person's, and untrusted clients, go on.
    assert trusted_browser(app, world.owner, "192.0.2.11").sign_in(world.owner.email, PASSWORD).status_code == 302
    assert Browser(app, "192.0.2.12").sign_in(world.owner.email, PASSWORD).status_code == 302


def test_the_address_limit_does_not_pause_a_trusted_device_behind_the_same_address(app, world):
    office = "192.0.2.50"  # the council's one NAT address
    own = trusted_browser(app, world.owner, office)
    stranger = Browser(app, office)
    for n in range(30):
        assert stranger.sign_in(f"guess{n}@leicester.example.org", WRONG).status_code == 200
    assert Browser(app, office).sign_in(world.owner.email, PASSWORD).status_code == 429
    assert own.sign_in(world.owner.email, PASSWORD).status_code == 302


def test_a_trusted_device_still_needs_the_code_and_is_trusted_only_after_it(app, world, monkeypatch):
    admin = world.admin
    phone = Phone(monkeypatch, pyotp.random_base32())
    with committed(app):
        db.session.get(User, admin.id).totp_secret = phone.secret

    own = Browser(app, "192.0.2.20")
    assert own.sign_in(admin.email, PASSWORD).location == "/sign-in/code"
    assert own.device_cookie() is None  # the password alone earns no trust
    own.client.post_form("auth.code", {"code": phone.code()}, status=302)
    assert own.device_cookie()
    own.sign_out()

    phone.now += 30
    assert own.sign_in(admin.email, PASSWORD).location == "/sign-in/code"
    assert not own.is_signed_in()
    wrong = "000000" if phone.code() != "000000" else "111111"
    for _ in range(5):
        assert own.client.http.post("/sign-in/code", data={"code": wrong}).status_code == 200
    assert own.client.http.post("/sign-in/code", data={"code": phone.code()}).status_code == 429


def test_pauses_are_logged_and_an_accounts_pause_is_in_its_audit_trail(app, world, caplog):
    own = trusted_browser(app, world.owner)
    with caplog.at_level(logging.WARNING):
        strangers_pause(app, world.owner.email)
        strangers_pause(app, "nobody@leicester.example.org")
        for _ in range(5):
            own.sign_in(world.owner.email, WRONG)
    paused = [r.getMessage() for r in caplog.records if r.getMessage().startswith("Sign-in paused")]
    assert len(paused) == 3
    assert all("nobody@" not in message and world.owner.email not in message for message in paused)
    with committed(app):
        recorded = db.session.execute(
            select(AuditEvent.entity_id, AuditEvent.field, AuditEvent.after).where(AuditEvent.event == "sign_in_paused")
        ).all()
    assert sorted(recorded) == [(world.owner.id, "allowance", "account"), (world.owner.id, "allowance", "device")]


def test_when_the_store_cannot_be_reached_nobody_signs_in_unthrottled(databases, tmp_path):
    unreachable = f"redis://127.0.0.1:{free_port()}/0"
    for app in _app_on(databases, "empty", tmp_path, RATELIMIT_STORAGE_URI=unreachable, PROPAGATE_EXCEPTIONS=False):
        with committed(app):
            user = make_user()
        browser = Browser(app, "192.0.2.30")
        refused = browser.sign_in(user.email, PASSWORD)
        assert refused.status_code == 500
        assert "Sorry, there is a problem with the service" in refused.get_data(as_text=True)
        assert not browser.is_signed_in()
