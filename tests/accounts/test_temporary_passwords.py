"""A password someone else set is temporary: the person must choose their own before anything else."""

from __future__ import annotations

from sqlalchemy import select

from tests.helpers.client import PageClient
from tests.helpers.data import committed
from tests.test_route_access import _example_url, _rules
from tracker.extensions import db
from tracker.models import AuditEvent, User
from tracker.security import PUBLIC_ENDPOINTS, WHILE_PASSWORD_TEMPORARY

TEMPORARY = "paper lantern orchard violin"
OWN = "quiet harbour tulip engine"


def _sign_in(app, email, password) -> PageClient:
    client = PageClient(app)
    response = client.http.post("/sign-in", data={"email": email, "password": password})
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    return client


def _reset_by_admin(app, world) -> None:
    admin = PageClient(app)
    admin.sign_in(world.admin)
    admin.post_form("accounts.reset_password", {"password": TEMPORARY}, status=302, user_id=world.owner.id)


def test_a_password_an_administrator_sets_must_be_replaced_before_anything_else(app, world):
    _reset_by_admin(app, world)
    person = _sign_in(app, world.owner.email, TEMPORARY)
    for rule in _rules(app):
        if rule.endpoint in PUBLIC_ENDPOINTS | WHILE_PASSWORD_TEMPORARY:
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = person.http.open(_example_url(rule), method=method)
            assert response.status_code == 302, f"{method} {rule.rule}: {response.status_code}"
            assert response.location == "/account/choose-password", f"{method} {rule.rule}"
    page = person.get_page("accounts.choose_password")
    assert "temporary password" in page.select_one("main").get_text()
    person.post_form("accounts.choose_password", {"new": OWN, "confirm": OWN}, status=302)
    assert person.get("actions.my_actions").status_code == 200
    with committed(app):
        user = db.session.get(User, world.owner.id)
        assert not user.must_change_password and user.check_password(OWN)
        events = db.session.scalars(
            select(AuditEvent).where(AuditEvent.entity_id == user.id, AuditEvent.event == "password_changed")
        ).all()
        assert [(e.actor_id, e.after) for e in events] == [(world.admin.id, "temporary"), (world.owner.id, None)]


def test_the_temporary_password_cannot_be_kept_and_a_refusal_changes_nothing(app, world):
    _reset_by_admin(app, world)
    person = _sign_in(app, world.owner.email, TEMPORARY)
    page = person.post_form("accounts.choose_password", {"new": TEMPORARY, "confirm": TEMPORARY})
    assert "different from the temporary one" in page.select_one(".govuk-error-summary").get_text()
    page = person.post_form("accounts.choose_password", {"new": OWN, "confirm": "something else entirely"})
    assert "do not match" in page.select_one(".govuk-error-summary").get_text()
    with committed(app):
        assert db.session.get(User, world.owner.id).must_change_password


def test_choosing_your_own_ends_the_session_begun_elsewhere_with_the_temporary_one(app, world):
    _reset_by_admin(app, world)
    elsewhere = _sign_in(app, world.owner.email, TEMPORARY)  # whoever else knows it
    person = _sign_in(app, world.owner.email, TEMPORARY)
    person.post_form("accounts.choose_password", {"new": OWN, "confirm": OWN}, status=302)
    assert elsewhere.get("actions.my_actions").location.startswith("/sign-in")


def test_changing_your_own_password_is_not_temporary(app, world):
    person = _sign_in(app, world.owner.email, "correct horse battery staple")
    person.post_form(
        "accounts.change_password", {"current": "correct horse battery staple", "new": OWN, "confirm": OWN}, status=302
    )
    assert person.get("actions.my_actions").status_code == 200


def test_the_menu_offers_nothing_until_the_password_is_chosen(app, world):
    _reset_by_admin(app, world)
    person = _sign_in(app, world.owner.email, TEMPORARY)
    assert person.get_page("accounts.choose_password").select("#navigation a") == []
    person.post_form("accounts.choose_password", {"new": OWN, "confirm": OWN}, status=302)
    menu = {a.get_text(strip=True) for a in person.get_page("actions.my_actions").select("#navigation a")}
    assert {"My actions", "Whole plan", "Your account"} <= menu
