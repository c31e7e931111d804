"""Issue 16: a council's administrator manages its own council only. Each test reproduces one thing an
administrator could do to another council, and shows it now answers 404 (as for anything of another
council), changes nothing, and is recorded as a probe."""

from __future__ import annotations

from datetime import date

import pyotp
import pytest
from sqlalchemy import select

from tests.conftest import make_config
from tests.helpers.client import PageClient
from tests.helpers.data import committed
from tests.helpers.factories import PASSWORD, make_user
from tests.helpers.processes import free_port
from tracker.actions import operations as ops
from tracker.app import create_app
from tracker.extensions import db
from tracker.models import Action, AuditEvent, Rag, Role, User
from tracker.reports import operations as reports
from tracker.reports.defaults import default_inputs

NEW_PASSWORD = "paper lantern orchard violin"


@pytest.fixture
def leeds_admin(app, world):
    with committed(app):
        return make_user(world.outsider.authority, Role.ADMINISTRATOR)


def _probes(app, user: User) -> list[AuditEvent]:
    with committed(app):
        return list(
            db.session.scalars(select(AuditEvent).where(AuditEvent.event == "probed", AuditEvent.actor_id == user.id))
        )


def _hash(app, user: User) -> str:
    with committed(app):
        return db.session.get(User, user.id).password_hash


def test_an_administrator_cannot_set_another_councils_password(client, world):
    """Found: Leicester's administrator set a Leeds director's password, then signed in as them."""
    before = _hash(client.app, world.outsider_director)
    client.sign_in(world.admin)
    url = client.url("accounts.reset_password", user_id=world.outsider_director.id)
    assert client.http.get(url).status_code == 404
    assert client.http.post(url, data={"password": NEW_PASSWORD}).status_code == 404
    assert _hash(client.app, world.outsider_director) == before
    sign_in = PageClient(client.app).http.post(
        "/sign-in", data={"email": world.outsider_director.email, "password": NEW_PASSWORD}
    )
    assert sign_in.status_code == 200  # refused: the password was never set
    probes = _probes(client.app, world.admin)
    assert [p.field for p in probes] == [f"user {world.outsider_director.id}"] * 2
    assert {p.authority_id for p in probes} == {world.admin.authority_id}  # in the prober's own trail


def test_an_administrator_cannot_move_anyone_into_another_council_themselves_included(client, world):
    """Found: POSTing their own account with Leeds's authority_id moved Leicester's administrator into Leeds."""
    client.sign_in(world.admin)
    fields = {
        "email": world.admin.email,
        "job_title": world.admin.job_title,
        "role": "administrator",
        "active": "y",
        "authority_id": str(world.outsider.authority_id),
    }
    client.post_form("accounts.edit_user", fields, status=302, user_id=world.admin.id)
    client.post_form(
        "accounts.edit_user",
        {**fields, "email": world.colleague.email, "role": "service_manager"},
        status=302,
        user_id=world.colleague.id,
    )
    with committed(client.app):
        assert db.session.get(User, world.admin.id).authority_id == world.admin.authority_id
        assert db.session.get(User, world.colleague.id).authority_id == world.admin.authority_id
    # …and so still cannot touch Leeds's plan.
    assert client.get("actions.progress", action_id=world.other_action.id).status_code == 404
    form = client.get_page("accounts.edit_user", user_id=world.admin.id)
    assert form.select_one("[name=authority_id]") is None


def test_a_new_account_is_always_in_the_administrators_own_council(client, world):
    client.sign_in(world.admin)
    data = {
        "email": "planted@leeds.example.org",
        "job_title": "Director",
        "role": "director",
        "password": NEW_PASSWORD,
        "active": "y",
        "authority_id": str(world.outsider.authority_id),
    }
    client.post_form("accounts.new_user", data, status=302)
    with committed(client.app):
        planted = db.session.scalar(select(User).where(User.email == "planted@leeds.example.org"))
        assert planted.authority_id == world.admin.authority_id


def test_another_councils_administrator_cannot_edit_or_reset_two_factor(app, world, leeds_admin):
    """Found: Leicestershire's administrator edited a Leicester user and reset Leicester's administrator's
    two-factor sign-in."""
    secret = pyotp.random_base32()
    with committed(app):
        db.session.get(User, world.admin.id).totp_secret = secret
    client = PageClient(app)
    client.sign_in(leeds_admin)
    edit = client.url("accounts.edit_user", user_id=world.owner.id)
    assert client.http.get(edit).status_code == 404
    changed = {"email": "taken@leeds.example.org", "job_title": "Mine now", "role": "director", "active": "y"}
    assert client.http.post(edit, data=changed).status_code == 404
    reset = client.url("accounts.reset_two_factor", user_id=world.admin.id)
    assert client.http.post(reset).status_code == 404
    with committed(app):
        owner = db.session.get(User, world.owner.id)
        assert (owner.email, owner.role) == (world.owner.email, Role.SERVICE_MANAGER)
        assert db.session.get(User, world.admin.id).totp_secret == secret
    assert len(_probes(app, leeds_admin)) == 3


def test_the_accounts_list_shows_only_the_councils_own_people(client, world, leeds_admin):
    client.sign_in(world.admin)
    page = client.get_page("accounts.users")
    emails = {a.get_text(strip=True) for a in page.select("#users tbody a")}
    assert world.owner.email in emails and world.admin.email in emails
    assert not emails & {world.outsider.email, world.outsider_director.email, leeds_admin.email}


def test_an_administrator_sees_only_their_own_councils_audit_trail(client, world):
    with committed(client.app):
        leeds_action = db.session.get(Action, world.other_action.id)
        ops.set_rating(leeds_action, leeds_action.owner, rag=Rag.AMBER, rag_reason="Leeds's own secret reason")
    client.sign_in(world.admin)
    page = client.get_page("audit.search", authority=world.outsider.authority_id)
    assert page.select_one(".govuk-caption-l").get_text(strip=True) == "Leicester City Council"
    assert "secret reason" not in page.get_text()
    exported = client.get("audit.export", authority=world.outsider.authority_id).get_data(as_text=True)
    assert "secret reason" not in exported
    client.sign_in(world.outsider_director)
    assert "secret reason" in client.get("audit.export").get_data(as_text=True)  # it is there, for Leeds


def test_a_probe_is_recorded_but_cannot_flood_the_trail(client, world):
    """Found: GETs of other councils' object ids answered 404 and left no trace."""
    client.sign_in(world.director)
    for _ in range(30):
        assert client.get("actions.show", action_id=world.other_action.id).status_code == 404
    assert client.get("actions.show", action_id=999_999).status_code == 404  # no such action: not a probe
    probes = _probes(client.app, world.director)
    assert len(probes) == 20
    assert probes[0].after == f"GET /actions/{world.other_action.id}"
    assert probes[0].field == f"action {world.other_action.id}"


def test_the_leeds_director_keeps_their_own_password_and_their_draft_report(app, world):
    """The whole finding end to end: Leicester's administrator set a Leeds director's password, signed in
    as them and opened Leeds's draft report."""
    with committed(app):
        director = db.session.get(User, world.outsider_director.id)
        inputs = default_inputs(director.authority, "Scrutiny", date(2026, 12, 1), date(2026, 11, 22))
        report = reports.save_draft(None, inputs, director)
    admin = PageClient(app)
    admin.sign_in(world.admin)
    url = admin.url("accounts.reset_password", user_id=world.outsider_director.id)
    assert admin.http.post(url, data={"password": NEW_PASSWORD}).status_code == 404
    assert admin.get("reports.show", report_id=report.id).status_code == 403  # not an administrator's page at all
    intruder = PageClient(app)
    refused = intruder.http.post("/sign-in", data={"email": world.outsider_director.email, "password": NEW_PASSWORD})
    assert refused.status_code == 200 and intruder.get("reports.show", report_id=report.id).status_code == 302
    director_client = PageClient(app)
    signed_in = director_client.http.post(
        "/sign-in", data={"email": world.outsider_director.email, "password": PASSWORD}
    )
    assert signed_in.status_code == 302
    assert director_client.get("reports.show", report_id=report.id).status_code == 200


def test_an_administrator_changes_their_own_password_only_under_your_account(client, world):
    """The reset page took no current password, so a stolen session could lock the administrator out."""
    before = _hash(client.app, world.admin)
    client.sign_in(world.admin)
    url = client.url("accounts.reset_password", user_id=world.admin.id)
    assert client.http.get(url).location == "/account/password"
    assert client.http.post(url, data={"password": NEW_PASSWORD}).location == "/account/password"
    reset = client.url("accounts.reset_two_factor", user_id=world.admin.id)
    assert client.http.post(reset).location == "/account/password"
    assert _hash(client.app, world.admin) == before
    page = client.get_page("accounts.edit_user", user_id=world.admin.id)
    assert page.select_one(f"a[href='{url}']") is None


def test_a_probe_still_answers_404_when_the_store_that_counts_them_is_out_of_reach(app, world):
    """A 500 for another council's object beside a 404 for a missing one would reveal which exist."""
    unreachable = create_app(
        make_config(
            app.config["SQLALCHEMY_DATABASE_URI"],
            RATELIMIT_STORAGE_URI=f"redis://127.0.0.1:{free_port()}/0",
            RATELIMIT_STORAGE_OPTIONS={"socket_connect_timeout": 1, "socket_timeout": 1},
        )
    )
    client = PageClient(unreachable)
    client.sign_in(world.director)
    assert client.get("actions.show", action_id=world.other_action.id).status_code == 404
    assert client.get("actions.show", action_id=999_999).status_code == 404
