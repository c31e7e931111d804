"""Where sign-in sends a person afterwards (`next=`): a plain path on this site, or their home page.

Issue 16 found that a `next` holding a line break answered 500 after the password was accepted, so the
person was signed in but shown a fault: the path went into the Location header as it was.
"""

from __future__ import annotations

import string
from urllib.parse import urljoin, urlsplit

import pyotp
import pytest
from flask import redirect
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.test import EnvironBuilder

from tests.helpers.data import committed
from tests.helpers.factories import PASSWORD, make_user
from tracker.accounts import two_factor
from tracker.auth.views import _safe_next
from tracker.extensions import db
from tracker.models import User

SITE = "https://tracker.example.org/"
HOSTILE = [
    "/\r\nSet-Cookie: session=stolen",
    "/plan\nLocation: https://evil.example/",
    "/\t/evil.example/",
    "/\\evil.example",
    "\\\\evil.example",
    "//evil.example/",
    "https://evil.example/",
    "javascript:alert(1)",
    "/\x00",
    "/\x7f",
    "/\x85next-line",
    "evil.example",
    "",
]


def _location(app, target: str) -> str:
    """The Location header werkzeug writes for a redirect to `_safe_next(target)`, as the browser gets it."""
    with app.test_request_context("/sign-in"):
        response = redirect(_safe_next(target))
        headers = response.get_wsgi_headers(EnvironBuilder(path="/sign-in").get_environ())
    location = headers["Location"]
    location.encode("latin-1")  # a WSGI header must be; gunicorn refuses one that is not
    return location


# Any text, and text that starts like a path (which plain st.text() seldom does), where the tricks live.
ANY_NEXT = st.one_of(st.text(), st.text().map(lambda rest: "/" + rest), st.sampled_from(HOSTILE))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(target=ANY_NEXT)
def test_whatever_next_holds_the_redirect_stays_on_this_site(app, target):
    location = _location(app, target)
    assert not any(ch in location for ch in "\r\n\t\\") and location.isprintable()
    assert location.startswith("/") and not location.startswith("//")
    assert urlsplit(location).scheme == "" and urlsplit(location).netloc == ""
    assert urlsplit(urljoin(SITE, location)).netloc == urlsplit(SITE).netloc


PLAIN = st.text(alphabet=string.ascii_letters + string.digits + "-._~!$&'()*+,;=:@%/?#", max_size=40)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rest=PLAIN.filter(lambda rest: not rest.startswith("/")))
def test_a_plain_path_on_this_site_is_kept(app, rest):
    with app.test_request_context("/sign-in"):
        assert _safe_next("/" + rest) == "/" + rest


def _user(app) -> User:
    with committed(app):
        return make_user()


@pytest.mark.parametrize("target", HOSTILE)
def test_signing_in_with_a_hostile_next_goes_home(client, target):
    user = _user(client.app)
    response = client.http.post(client.url("auth.login", next=target), data={"email": user.email, "password": PASSWORD})
    assert (response.status_code, response.location) == (302, "/")


@pytest.mark.parametrize("target", HOSTILE)
def test_a_signed_in_person_given_a_hostile_next_goes_home(client, target):
    user = _user(client.app)
    client.sign_in(user)
    for response in (
        client.http.get(client.url("auth.login", next=target)),
        client.http.post(client.url("auth.login", next=target), data={"email": user.email, "password": PASSWORD}),
    ):
        assert (response.status_code, response.location) == (302, "/")


@pytest.mark.parametrize("target", ["/\r\nSet-Cookie: session=stolen", "/\t/evil.example/", "//evil.example/"])
def test_the_two_factor_step_goes_home_rather_than_to_a_hostile_next(client, monkeypatch, target):
    user = _user(client.app)
    secret = pyotp.random_base32()
    with committed(client.app):
        db.session.get(User, user.id).totp_secret = secret
    monkeypatch.setattr(two_factor, "clock", lambda: 1_800_000_000.0)
    response = client.http.post(client.url("auth.login", next=target), data={"email": user.email, "password": PASSWORD})
    assert response.location == "/sign-in/code"
    response = client.http.post("/sign-in/code", data={"code": pyotp.TOTP(secret).at(1_800_000_000.0)})
    assert (response.status_code, response.location) == (302, "/")


def test_a_plain_next_is_followed_after_the_two_factor_step(client, monkeypatch):
    user = _user(client.app)
    secret = pyotp.random_base32()
    with committed(client.app):
        db.session.get(User, user.id).totp_secret = secret
    monkeypatch.setattr(two_factor, "clock", lambda: 1_800_000_000.0)
    client.http.post(client.url("auth.login", next="/plan?page=2"), data={"email": user.email, "password": PASSWORD})
    response = client.http.post("/sign-in/code", data={"code": pyotp.TOTP(secret).at(1_800_000_000.0)})
    assert response.location == "/plan?page=2"
