"""Security headers on every kind of response; the 500 page's reference; the public pages."""

import logging
import re

import pytest

from tests.helpers.client import PageClient, check_page
from tests.helpers.data import committed
from tests.helpers.factories import make_user
from tracker.models import Role
from tracker.security import requires_role

BASELINE = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def _check_headers(response):
    for name, value in BASELINE.items():
        assert response.headers.get(name) == value, (name, response.request.path)
    policy = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    script_src = re.search(r"script-src ([^;]+)", policy).group(1)
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    return policy


def test_every_kind_of_response_carries_the_headers(client, world):
    anonymous = [
        client.get("/sign-in"),  # a page
        client.get("/plan"),  # a redirect to sign in
        client.get("/healthz"),  # JSON
        client.get("/assets/tracker.css"),  # a static file
        client.get("/accessibility"),
    ]
    client.sign_in(world.director)
    signed_in = [
        client.get("/dashboard"),
        client.get("/no-such-page"),  # 404
        client.get("/overdue.csv"),  # a download
        client.get(f"/actions/{world.other_action.id}"),  # another authority's: 404
    ]
    client.sign_in(world.committee)
    signed_in.append(client.get("/dashboard"))  # 403
    for response in anonymous + signed_in:
        _check_headers(response)
    assert [r.status_code for r in signed_in] == [200, 404, 200, 404, 403]


def test_the_applications_pages_are_never_stored_but_static_files_may_be(client, world):
    assert client.get("/sign-in").headers["Cache-Control"] == "no-store"
    client.sign_in(world.director)
    for path in ("/dashboard", "/overdue.csv", "/no-such-page"):
        assert client.get(path).headers["Cache-Control"] == "no-store", path
    assert "no-store" not in client.get("/assets/tracker.css").headers.get("Cache-Control", "")


def test_the_inline_script_carries_this_responses_nonce(client):
    first, second = client.get("/sign-in"), client.get("/sign-in")
    nonces = []
    for response in (first, second):
        nonce = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"]).group(1)
        scripts = check_page(response.get_data(as_text=True)).select("script:not([src])")
        assert scripts and all(s.get("nonce") == nonce for s in scripts)
        nonces.append(nonce)
    assert nonces[0] != nonces[1]


def test_hsts_is_sent_in_production_only(client, app):
    assert "Strict-Transport-Security" not in client.get("/sign-in").headers
    app.config["HSTS"] = True
    assert client.get("/sign-in").headers["Strict-Transport-Security"].startswith("max-age=31536000")


@pytest.fixture
def broken_app(app):
    """The app with one route that always fails, for anyone signed in."""

    @requires_role(*Role)
    def broken():
        raise RuntimeError("the database caught fire")

    app.add_url_rule("/broken", "broken", broken)
    app.config["PROPAGATE_EXCEPTIONS"] = False  # as in production: the error page, not the exception
    return app


def test_a_fault_shows_a_reference_that_is_in_the_log_beside_the_stack_trace(broken_app, caplog):
    client = PageClient(broken_app)
    with committed(broken_app):
        user = make_user()
    client.sign_in(user)
    with caplog.at_level(logging.ERROR):
        response = client.get("/broken")
    assert response.status_code == 500
    page = check_page(response.get_data(as_text=True))
    _check_headers(response)
    reference = page.select_one("#reference").get_text(strip=True)
    assert re.fullmatch(r"[0-9A-F]{8}", reference)
    assert "fire" not in response.get_data(as_text=True)
    logged = [r for r in caplog.records if reference in r.getMessage()]
    assert logged and logged[0].exc_info and "the database caught fire" in str(logged[0].exc_info[1])


def test_the_health_check_says_only_up_or_down(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.get_json() == {"status": "ok"}


def test_the_accessibility_statement_is_public_and_linked_from_every_page(client):
    page = client.get_page("/accessibility")
    assert page.find("h2", string="How we tested this service")
    assert check_page(client.get("/sign-in").get_data(as_text=True)).find("a", href="/accessibility")
