"""Service operators: made only at the command line, two-factor required, add councils and their first
administrators and see who has an account, but never a council's plan."""

from __future__ import annotations

import pyotp
import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from tests.helpers.client import PageClient
from tests.helpers.data import committed
from tests.helpers.factories import make_authority, make_user
from tracker.accounts import two_factor
from tracker.extensions import db
from tracker.models import AuditEvent, Authority, Role, User

OPERATOR_PASSWORD = "granite meadow saxophone pebble"
TEMPORARY = "paper lantern orchard violin"
OWN = "quiet harbour tulip engine"


@pytest.fixture
def operator(app):
    with committed(app):
        return make_user(None, Role.OPERATOR)


def _new_council(client, **changes) -> dict:
    data = {
        "council": "Fenmarsh District Council",
        "email": "Admin@Fenmarsh.example.org",
        "name": "",
        "job_title": "Systems administrator",
        "password": TEMPORARY,
        **changes,
    }
    return data


def test_an_operator_is_made_only_by_the_command_and_belongs_to_no_council(app):
    runner = app.test_cli_runner()
    args = ["users", "create-operator", "--email", "Ops@Service.example.org"]
    assert "harder to guess" in runner.invoke(args=[*args, "--password", "password1234"]).output
    result = runner.invoke(args=[*args, "--password", OPERATOR_PASSWORD])
    assert result.exit_code == 0, result.output
    with committed(app):
        user = db.session.scalar(select(User).where(User.email == "ops@service.example.org"))
        assert (user.role, user.authority_id, user.must_change_password) == (Role.OPERATOR, None, False)
        assert two_factor.required(user)
    assert "already exists" in runner.invoke(args=[*args, "--password", OPERATOR_PASSWORD]).output


def test_the_database_keeps_operators_out_of_councils_and_everyone_else_in_one(app):
    with app.app_context():
        council = make_authority()
        for role, authority in ((Role.OPERATOR, council), (Role.DIRECTOR, None)):
            db.session.add(
                User(authority=authority, email=f"{role}@x.example.org", job_title="x", role=role, password_hash="x")
            )
            with pytest.raises(IntegrityError):
                db.session.flush()
            db.session.rollback()


def test_an_administrator_cannot_make_an_operator(client, world):
    client.sign_in(world.admin)
    data = {
        "email": "ops@leicester.example.org",
        "job_title": "Ops",
        "role": "service_operator",
        "password": TEMPORARY,
        "active": "y",
    }
    page = client.post_form("accounts.new_user", data)
    assert "Not a valid choice" in page.select_one(".govuk-error-summary").get_text()
    assert 'value="service_operator"' not in str(client.get_page("accounts.new_user").select_one("#role"))


def test_an_operator_adds_a_council_whose_administrator_then_runs_it(app, operator, monkeypatch):
    client = PageClient(app)
    client.sign_in(operator)
    response = client.post_form("councils.new", _new_council(client), status=302)
    page = client.get_page(response.location)
    assert page.select_one("h1").get_text(strip=True) == "Fenmarsh District Council"
    assert "Temporary password" in page.select_one("#accounts").get_text()
    with committed(app):
        council = db.session.scalar(select(Authority).where(Authority.name == "Fenmarsh District Council"))
        admin = db.session.scalar(select(User).where(User.email == "admin@fenmarsh.example.org"))
        assert (admin.authority_id, admin.role, admin.must_change_password) == (council.id, Role.ADMINISTRATOR, True)
        events = db.session.scalars(select(AuditEvent).where(AuditEvent.authority_id == council.id)).all()
        assert {e.event for e in events} == {"created"} and {e.actor_id for e in events} == {operator.id}
    # The administrator signs in with the temporary password, sets up two-factor, then chooses their own.
    now = 1_800_000_000.0
    monkeypatch.setattr(two_factor, "clock", lambda: now)
    person = PageClient(app)
    assert person.http.post("/sign-in", data={"email": admin.email, "password": TEMPORARY}).status_code == 302
    secret = person.get_page("auth.first_two_factor").select_one("#secret").get_text(strip=True)
    response = person.post_form("auth.first_two_factor", {"code": pyotp.TOTP(secret).at(now)}, status=302)
    assert person.get(response.location).location == "/account/choose-password"
    person.post_form("accounts.choose_password", {"new": OWN, "confirm": OWN}, status=302)
    dashboard = person.get_page("oversight.dashboard")
    assert dashboard.select_one(".govuk-caption-l").get_text(strip=True) == "Fenmarsh District Council"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"council": "Leicester City Council"}, "council", "already on the service"),
        ({"council": "  leicester   city council "}, "council", "already on the service"),
        ({"council": ""}, "council", "Enter the council's name"),
        ({"email": "not an email"}, "email", "correct format"),
        ({"password": "password1234"}, "password", "harder to guess"),
    ],
)
def test_a_refused_council_says_why_keeps_what_was_typed_and_creates_nothing(
    app, world, operator, changes, field, message
):
    client = PageClient(app)
    client.sign_in(operator)
    with committed(app):
        before = (db.session.scalar(select(func.count(Authority.id))), db.session.scalar(select(func.count(User.id))))
    data = _new_council(client, **changes)
    page = client.post_form("councils.new", data)
    assert message in page.select_one(".govuk-error-summary").get_text()
    assert page.select_one("#job_title")["value"] == data["job_title"]
    with committed(app):
        after = (db.session.scalar(select(func.count(Authority.id))), db.session.scalar(select(func.count(User.id))))
    assert after == before


def test_an_operator_adds_an_administrator_only_when_the_council_has_none(app, world, operator):
    """Otherwise an operator could give themselves a way into any council's plan."""
    client = PageClient(app)
    client.sign_in(operator)
    data = {"email": "new.admin@leicester.example.org", "job_title": "Business support", "password": TEMPORARY}
    council = world.admin.authority_id
    assert client.get_page("councils.show", authority_id=council).select_one("a[href$='/administrators/new']") is None
    refused = client.post_form("councils.new_administrator", data, status=302, authority_id=council)
    assert client.get_page(refused.location).select_one(".govuk-notification-banner") is not None
    with committed(app):
        assert db.session.scalar(select(User).where(User.email == "new.admin@leicester.example.org")) is None
        db.session.get(User, world.admin.id).active = False  # the only administrator has left
    client.post_form("councils.new_administrator", data, status=302, authority_id=council)
    with committed(app):
        user = db.session.scalar(select(User).where(User.email == "new.admin@leicester.example.org"))
        assert (user.authority_id, user.role, user.must_change_password) == (
            world.admin.authority_id,
            Role.ADMINISTRATOR,
            True,
        )


def test_an_operator_sees_councils_and_accounts_but_no_plan(app, world, operator):
    client = PageClient(app)
    client.sign_in(operator)
    assert client.get("home.index").location == "/councils"
    listed = client.get_page("councils.index").select_one("#councils").get_text()
    assert "Leicester City Council" in listed and "Leeds City Council" in listed
    accounts = client.get_page("councils.show", authority_id=world.owner.authority_id).select_one("#accounts")
    assert world.owner.email in accounts.get_text()
    for endpoint, values in (
        ("actions.plan", {}),
        ("oversight.dashboard", {}),
        ("oversight.overdue", {}),
        ("audit.search", {}),
        ("accounts.users", {}),
        ("actions.show", {"action_id": world.action.id}),
        ("reports.index", {}),
    ):
        assert client.get(endpoint, **values).status_code == 403, endpoint
    navigation = {a.get_text(strip=True) for a in client.get_page("councils.index").select("#navigation a")}
    assert navigation == {"Councils", "Import", "Your account"}  # Import: filing a document (issue 19)


def test_an_operator_who_has_lost_their_phone_is_reset_at_the_command_line(app, operator):
    with committed(app):
        db.session.get(User, operator.id).totp_secret = pyotp.random_base32()
    result = app.test_cli_runner().invoke(args=["users", "reset-two-factor", "--email", operator.email.upper()])
    assert result.exit_code == 0, result.output
    with committed(app):
        user = db.session.get(User, operator.id)
        assert user.totp_secret is None and user.session_version == 2
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.event == "two_factor_reset"))
        assert (event.entity_id, event.actor_id) == (operator.id, None)
    missing = app.test_cli_runner().invoke(args=["users", "reset-two-factor", "--email", "nobody@example.org"])
    assert missing.exit_code != 0 and "no account" in missing.output
