"""Sign-in: throttled per account and per address, the same answer whether or not an account exists,
two-factor codes for administrators (and anyone who chooses), no passwords in the logs."""

import logging

import pyotp
import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from tests.helpers.client import PageClient
from tests.helpers.data import committed
from tests.helpers.factories import PASSWORD, make_user
from tests.helpers.phone import Phone
from tracker.extensions import db
from tracker.models import AuditEvent, Role, User

WRONG = "not the right password at all"


def _attempt(client, email, password, **environ):
    return client.http.post("/sign-in", data={"email": email, "password": password}, environ_base=environ)


def test_an_account_is_paused_for_an_address_after_five_failures_even_with_the_right_password(app, world):
    client = PageClient(app)
    for _ in range(5):
        assert _attempt(client, world.owner.email, WRONG).status_code == 200
    refused = _attempt(client, world.owner.email, PASSWORD)
    assert refused.status_code == 429
    assert "Too many attempts to sign in" in refused.get_data(as_text=True)
    # The real person, elsewhere, is not locked out by a stranger's five guesses.
    assert _attempt(PageClient(app), world.owner.email, PASSWORD, REMOTE_ADDR="198.51.100.7").status_code == 302
    # Another account from the same address is not held up by it.
    assert _attempt(PageClient(app), world.director.email, PASSWORD).status_code == 302


def test_guesses_spread_over_many_addresses_are_paused_after_twenty(app, world):
    for n in range(20):
        address = f"203.0.113.{n // 4}"
        assert _attempt(PageClient(app), world.owner.email, WRONG, REMOTE_ADDR=address).status_code == 200
    assert _attempt(PageClient(app), world.owner.email, PASSWORD, REMOTE_ADDR="198.51.100.99").status_code == 429


def test_control_characters_do_not_make_a_fresh_account_count(app, world):
    client = PageClient(app)
    for n in range(5):
        assert _attempt(client, world.owner.email + "\x01" * n, WRONG).status_code == 200
    assert _attempt(client, world.owner.email.upper() + "\x02", WRONG).status_code == 429


def test_an_unknown_email_is_throttled_exactly_like_a_known_one(app, world):
    answers = {}
    for email in (world.owner.email, "nobody@leicester.example.org"):
        client = PageClient(app)
        answers[email] = [
            (r.status_code, "Enter a correct email address and password" in r.get_data(as_text=True))
            for r in (_attempt(client, email, WRONG) for _ in range(6))
        ]
    known, unknown = answers.values()
    assert known == unknown == [(200, True)] * 5 + [(429, False)]


def test_an_unknown_email_costs_a_password_check_like_a_known_one(app, world, monkeypatch):
    from tracker.auth import operations

    checked = []
    real = operations.check_password_hash
    monkeypatch.setattr(operations, "check_password_hash", lambda h, p: checked.append(p) or real(h, p))
    _attempt(PageClient(app), "nobody@leicester.example.org", WRONG)
    assert checked == [WRONG]


def test_an_address_is_throttled_after_thirty_failures_across_accounts(app):
    client = PageClient(app)
    for n in range(30):
        assert _attempt(client, f"guess{n}@example.org", WRONG, REMOTE_ADDR="203.0.113.9").status_code == 200
    assert _attempt(client, "guess99@example.org", WRONG, REMOTE_ADDR="203.0.113.9").status_code == 429
    assert _attempt(client, "guess99@example.org", WRONG, REMOTE_ADDR="198.51.100.7").status_code == 200


def test_a_successful_sign_in_does_not_count_against_the_account(app, world):
    for _ in range(8):
        client = PageClient(app)
        assert _attempt(client, world.owner.email, PASSWORD).status_code == 302


def test_sign_in_successes_and_failures_are_recorded_without_the_password(app, world, caplog):
    with caplog.at_level(logging.DEBUG):
        _attempt(PageClient(app), world.owner.email, WRONG)
        _attempt(PageClient(app), world.owner.email, PASSWORD)
    with committed(app):
        events = db.session.scalars(select(AuditEvent.event).where(AuditEvent.entity_id == world.owner.id)).all()
    assert "sign_in_failed" in events and "signed_in" in events
    logged = caplog.text
    assert WRONG not in logged and PASSWORD not in logged


def _with_phone(app, user, monkeypatch) -> Phone:
    """Two-factor sign-in already set up for the user, with the phone that has its secret."""
    phone = Phone(monkeypatch, pyotp.random_base32())
    with committed(app):
        db.session.get(User, user.id).totp_secret = phone.secret
    return phone


def _wrong(phone: Phone) -> str:
    return "000000" if phone.code() != "000000" else "111111"


@pytest.fixture
def admin(app):
    with committed(app):
        return make_user(role=Role.ADMINISTRATOR)


def test_an_administrator_must_set_up_two_factor_before_their_first_session(app, admin, monkeypatch):
    phone = Phone(monkeypatch)
    client = PageClient(app)
    response = _attempt(client, admin.email, PASSWORD)
    assert response.location == "/sign-in/set-up-two-factor"
    assert client.get("/plan").status_code == 302  # not signed in yet

    page = client.get_page(response.location)
    phone.secret = page.select_one("#secret").get_text(strip=True)
    page = client.post_form("auth.first_two_factor", {"code": "000000" if phone.code() != "000000" else "111111"})
    assert "The code is not right" in page.select_one(".govuk-error-summary").get_text()
    client.post_form("auth.first_two_factor", {"code": phone.code()}, status=302)
    assert client.get("/plan").status_code == 200
    with committed(app):
        assert db.session.get(User, admin.id).totp_secret == phone.secret


def test_with_two_factor_a_code_is_needed_and_each_code_works_once(app, admin, monkeypatch):
    phone = _with_phone(app, admin, monkeypatch)
    client = PageClient(app)
    assert _attempt(client, admin.email, PASSWORD).location == "/sign-in/code"
    code = phone.code()
    client.post_form("auth.code", {"code": code}, status=302)
    assert client.get("/plan").status_code == 200

    again = PageClient(app)
    _attempt(again, admin.email, PASSWORD)
    page = again.post_form("auth.code", {"code": code})
    assert "The code is not right" in page.select_one(".govuk-error-summary").get_text()
    phone.now += 30
    again.post_form("auth.code", {"code": phone.code()}, status=302)


def test_a_password_alone_cannot_replace_an_existing_two_factor_secret(app, admin, monkeypatch):
    phone = _with_phone(app, admin, monkeypatch)
    client = PageClient(app)
    _attempt(client, admin.email, PASSWORD)
    assert client.get("/sign-in/set-up-two-factor").location == "/sign-in/code"
    assert client.http.post("/sign-in/set-up-two-factor", data={"code": "123456"}).location == "/sign-in/code"
    assert client.get("/plan").status_code == 302
    with committed(app):
        assert db.session.get(User, admin.id).totp_secret == phone.secret


def test_a_signed_in_person_cannot_replace_their_secret_without_an_administrator(client, world, monkeypatch):
    secret = pyotp.random_base32()
    with committed(client.app):
        db.session.get(User, world.owner.id).totp_secret = secret
    client.sign_in(world.owner)
    assert client.get("accounts.set_up_two_factor").location == "/account/password"
    with committed(client.app):
        assert db.session.get(User, world.owner.id).totp_secret == secret


def test_an_administrator_resets_a_lost_phone(app, world, admin, monkeypatch):
    phone = Phone(monkeypatch, pyotp.random_base32())
    with committed(app):
        db.session.get(User, world.owner.id).totp_secret = phone.secret
    owner = PageClient(app)
    _attempt(owner, world.owner.email, PASSWORD)
    owner.post_form("auth.code", {"code": phone.code()}, status=302)
    resetter = PageClient(app)
    resetter.sign_in(world.admin)  # of the owner's council: another council's administrator gets 404
    resetter.post_form("accounts.reset_two_factor", {}, status=302, user_id=world.owner.id)
    assert owner.get("/plan").status_code == 302  # signed out everywhere
    with committed(app):
        assert db.session.get(User, world.owner.id).totp_secret is None
        assert db.session.scalar(select(AuditEvent).where(AuditEvent.event == "two_factor_reset"))
    assert _attempt(PageClient(app), world.owner.email, PASSWORD).location == "/"


def test_the_set_up_key_is_not_in_the_session_cookie_and_the_page_is_not_cached(app, admin):
    import base64
    import zlib

    client = PageClient(app)
    _attempt(client, admin.email, PASSWORD)
    response = client.get("/sign-in/set-up-two-factor")
    secret = client.get_page("/sign-in/set-up-two-factor").select_one("#secret").get_text(strip=True)
    assert response.headers["Cache-Control"] == "no-store"
    cookie = client.http.get_cookie("session").value
    payload = cookie.lstrip(".").split(".")[0]
    raw = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    text = (zlib.decompress(raw) if cookie.startswith(".") else raw).decode()
    assert secret not in text


def test_wrong_codes_are_counted_per_person_wherever_they_come_from(app, admin, monkeypatch):
    phone = _with_phone(app, admin, monkeypatch)
    client = PageClient(app)
    _attempt(client, admin.email, PASSWORD)
    for n in range(5):
        response = client.http.post(
            "/sign-in/code", data={"code": _wrong(phone)}, environ_base={"REMOTE_ADDR": f"192.0.2.{n}"}
        )
        assert response.status_code == 200
    response = client.http.post(
        "/sign-in/code", data={"code": phone.code()}, environ_base={"REMOTE_ADDR": "192.0.2.99"}
    )
    assert response.status_code == 429


def test_wrong_codes_are_recorded_and_throttled(app, admin, monkeypatch):
    phone = _with_phone(app, admin, monkeypatch)
    client = PageClient(app)
    _attempt(client, admin.email, PASSWORD)
    for _ in range(5):
        assert client.http.post("/sign-in/code", data={"code": _wrong(phone)}).status_code == 200
    assert client.http.post("/sign-in/code", data={"code": phone.code()}).status_code == 429
    with committed(app):
        failures = db.session.scalars(select(AuditEvent).where(AuditEvent.event == "two_factor_failed")).all()
        assert len(failures) == 5


def test_the_code_step_answers_only_someone_whose_password_was_just_accepted(client, app, admin, monkeypatch):
    assert client.get("/sign-in/code").location == "/sign-in"
    assert client.get("/sign-in/set-up-two-factor").location == "/sign-in"
    from tracker.auth import views

    _attempt(client, admin.email, PASSWORD)
    monkeypatch.setattr(views, "PENDING_MINUTES", -1)
    assert client.get("/sign-in/set-up-two-factor").location == "/sign-in"


def test_anyone_may_choose_two_factor_sign_in(client, world, monkeypatch):
    phone = Phone(monkeypatch)
    client.sign_in(world.owner)
    page = client.get_page("accounts.set_up_two_factor")
    phone.secret = page.select_one("#secret").get_text(strip=True)
    client.post_form("accounts.set_up_two_factor", {"code": phone.code()}, status=302)
    assert _attempt(PageClient(client.app), world.owner.email, PASSWORD).location == "/sign-in/code"


def test_the_set_up_page_shows_the_link_as_a_qr_code_beside_the_key(app, admin):
    """Issue 19: scanning a QR code, not typing a 32-letter key, is how people add an account to their app."""
    import segno

    client = PageClient(app)
    _attempt(client, admin.email, PASSWORD)
    page = client.get_page("/sign-in/set-up-two-factor")
    secret = page.select_one("#secret").get_text(strip=True)
    uri = page.select_one("details code").get_text(strip=True)
    assert f"secret={secret}" in uri
    drawn = page.select_one("#qr-code svg")
    assert drawn is not None and drawn.select_one("title").get_text() == "QR code of the set-up link"
    # The code drawn is the set-up link's: segno draws the same link the same way.
    expected = segno.make(uri, error="m").svg_inline(
        scale=4, border=4, title="QR code of the set-up link", dark="#0b0c0c", light="#ffffff", omitsize=False
    )
    assert str(drawn) == str(BeautifulSoup(expected, "html.parser").select_one("svg"))
