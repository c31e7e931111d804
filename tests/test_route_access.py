"""Every route needs sign-in and a declared role, except a short, named allow-list (walks the URL map)."""

import pytest
from werkzeug.routing import AnyConverter, IntegerConverter, Rule

from tests.helpers.data import committed
from tests.helpers.factories import make_authority, make_user
from tracker.models import Role
from tracker.security import PUBLIC_ENDPOINTS


def _rules(app) -> list[Rule]:
    return [rule for rule in app.url_map.iter_rules()]


def _example_value(converter):
    if isinstance(converter, AnyConverter):
        return sorted(converter.items)[0]
    return 1 if isinstance(converter, IntegerConverter) else "x"


def _example_url(rule: Rule) -> str:
    """A concrete URL for a rule: 1 for a number, the first choice of an any(), "x" otherwise."""
    values = {arg: _example_value(rule._converters[arg]) for arg in rule.arguments}
    return rule.build(values, append_unknown=False)[1]


def test_every_view_declares_its_roles_or_is_public(app):
    missing = []
    for rule in _rules(app):
        view = app.view_functions[rule.endpoint]
        if rule.endpoint not in PUBLIC_ENDPOINTS and not getattr(view, "allowed_roles", None):
            missing.append(rule.endpoint)
    assert not missing, (
        f"These views declare no roles: {missing}. Decorate each with @requires_role(...) from "
        "tracker.security, or, if it must be reachable without signing in, add it to PUBLIC_ENDPOINTS."
    )


def test_public_endpoints_are_only_sign_in_static_health_and_the_accessibility_statement():
    sign_in = {"auth.login", "auth.code", "auth.first_two_factor"}  # the code steps answer only mid-sign-in
    assert {*sign_in, "static", "health.health", "pages.accessibility"} == PUBLIC_ENDPOINTS


def test_every_route_sends_an_anonymous_user_to_sign_in(client):
    for rule in _rules(client.app):
        if rule.endpoint in PUBLIC_ENDPOINTS:
            continue
        url = _example_url(rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = client.http.open(url, method=method)
            assert response.status_code == 302, f"{method} {url} answered {response.status_code}"
            assert response.location.startswith("/sign-in"), f"{method} {url} redirected to {response.location}"


@pytest.mark.parametrize("role", list(Role))
def test_a_signed_in_user_reaches_only_the_views_their_role_allows(client, role):
    with committed(client.app):
        user = make_user(make_authority(), role)
    client.sign_in(user)
    for rule in _rules(client.app):
        if rule.endpoint in PUBLIC_ENDPOINTS:
            continue
        allowed = client.app.view_functions[rule.endpoint].allowed_roles
        url = _example_url(rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            if method == "POST" and rule.endpoint in ("auth.logout", "accounts.reset_two_factor"):
                continue  # each ends the session the rest of this walk needs (user 1 is the walker)
            response = client.http.open(url, method=method)
            if role in allowed:
                assert response.status_code != 403, f"{role} refused {method} {url}"
            else:
                assert response.status_code == 403, f"{role} reached {method} {url}: {response.status_code}"


def test_health_check_needs_no_sign_in(client):
    response = client.get("health.health")
    assert response.status_code == 200
    assert response.json == {"status": "ok"}


def test_static_files_need_no_sign_in(client):
    assert client.get("/assets/app.js").status_code == 200
