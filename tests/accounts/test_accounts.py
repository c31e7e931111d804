"""Administrators manage accounts; people change their own passwords; the password rules."""

import pytest
from sqlalchemy import select

from tests.helpers.client import PageClient
from tests.helpers.data import committed
from tests.helpers.factories import PASSWORD
from tracker.accounts.passwords import problem
from tracker.extensions import db
from tracker.models import AuditEvent, Role, User

NEW_PASSWORD = "paper lantern orchard violin"
OWN_PASSWORD = "quiet harbour tulip engine"


def _real_sign_in(app, email, password) -> PageClient:
    client = PageClient(app)
    response = client.http.post("/sign-in", data={"email": email, "password": password})
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    return client


def _signed_in(client) -> bool:
    return client.get("/plan").status_code == 200 or client.get("/reports").status_code == 200


@pytest.mark.parametrize(
    ("password", "refused"),
    [
        ("short", "12 characters or more"),
        ("password1234", "harder to guess"),
        ("qwertyuiop123", "harder to guess"),
        ("aaaaaaaaaaaaaaaa", "harder to guess"),
        ("leicestershire2024", "harder to guess"),
        ("x" * 1001, "1000 characters or fewer"),
    ],
)
def test_short_common_and_guessable_passwords_are_refused(password, refused):
    assert refused in problem(password, about=["Leicestershire County Council"])


def test_long_passphrases_pass_without_composition_rules():
    assert problem("paper lantern orchard violin", about=[]) is None
    assert problem("a quiet river under the old stone bridge at dawn " * 10, about=[]) is None


def test_a_password_made_of_the_persons_own_details_is_refused():
    assert problem("jane.smith.leeds", about=["jane.smith@leeds.example.org", "Leeds City Council"])


def test_an_administrator_creates_an_account_that_can_sign_in(client, world):
    client.sign_in(world.admin)
    data = {
        "email": "New.Person@Leicester.example.org",
        "name": "",
        "job_title": "Head of Service, Fostering",
        "role": "service_manager",
        "password": NEW_PASSWORD,
        "active": "y",
    }
    client.post_form("accounts.new_user", data, status=302)
    with committed(client.app):
        user = db.session.scalar(select(User).where(User.email == "new.person@leicester.example.org"))
        assert user.role == Role.SERVICE_MANAGER and user.password_hash.startswith("scrypt:")
        assert user.authority_id == world.admin.authority_id and user.must_change_password
        fields = set(
            db.session.scalars(
                select(AuditEvent.field).where(AuditEvent.entity_type == "user", AuditEvent.entity_id == user.id)
            )
        )
        assert {"email", "job_title", "role", "authority"} <= fields
    person = _real_sign_in(client.app, "new.person@leicester.example.org", NEW_PASSWORD)
    assert person.get("/plan").location == "/account/choose-password"  # the first password was the admin's
    person.post_form("accounts.choose_password", {"new": OWN_PASSWORD, "confirm": OWN_PASSWORD}, status=302)
    assert _signed_in(person)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"password": "password1234"}, "harder to guess"),
        ({"email": "not an email"}, "correct format"),
        ({"job_title": ""}, "Enter their job title"),
        ({"role": "emperor"}, "Not a valid choice"),
    ],
)
def test_a_refused_account_says_why_and_creates_nothing(client, world, changes, message):
    client.sign_in(world.admin)
    data = {
        "email": "someone@leicester.example.org",
        "job_title": "Head of Service",
        "role": "director",
        "password": NEW_PASSWORD,
        **changes,
    }
    page = client.post_form("accounts.new_user", data)
    assert message.lower() in page.select_one(".govuk-error-summary").get_text().lower()
    with committed(client.app):
        assert db.session.scalar(select(User).where(User.email == "someone@leicester.example.org")) is None


def test_an_email_already_in_use_is_refused(client, world):
    client.sign_in(world.admin)
    data = {
        "email": world.owner.email.upper(),
        "job_title": "Copy",
        "role": "director",
        "password": NEW_PASSWORD,
    }
    page = client.post_form("accounts.new_user", data)
    assert "already exists" in page.select_one(".govuk-error-summary").get_text()


def test_deactivating_an_account_signs_it_out_and_is_recorded(app, world):
    owner = _real_sign_in(app, world.owner.email, PASSWORD)
    assert _signed_in(owner)
    admin = PageClient(app)
    admin.sign_in(world.admin)
    fields = {
        "email": world.owner.email,
        "job_title": world.owner.job_title,
        "role": "service_manager",
    }  # "active" left out: unticked
    admin.post_form("accounts.edit_user", fields, status=302, user_id=world.owner.id)
    assert not _signed_in(owner)
    with committed(app):
        event = db.session.scalar(
            select(AuditEvent).where(AuditEvent.entity_id == world.owner.id, AuditEvent.field == "active")
        )
        assert (event.before, event.after, event.actor_id) == ("yes", "no", world.admin.id)


def test_an_administrator_cannot_deactivate_themselves(client, world):
    client.sign_in(world.admin)
    fields = {
        "email": world.admin.email,
        "job_title": world.admin.job_title,
        "role": "administrator",
    }
    page = client.post_form("accounts.edit_user", fields, user_id=world.admin.id)
    assert "cannot deactivate your own account" in page.select_one(".govuk-error-summary").get_text()


def test_changing_your_password_signs_out_your_other_devices_but_not_this_one(app, world):
    laptop = _real_sign_in(app, world.owner.email, PASSWORD)
    phone = _real_sign_in(app, world.owner.email, PASSWORD)
    form = {"current": PASSWORD, "new": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    laptop.post_form("accounts.change_password", form, status=302)
    assert _signed_in(laptop) and not _signed_in(phone)
    with committed(app):
        assert db.session.scalar(select(AuditEvent).where(AuditEvent.event == "password_changed"))
    _real_sign_in(app, world.owner.email, NEW_PASSWORD)


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"current": "wrong password here", "new": NEW_PASSWORD, "confirm": NEW_PASSWORD}, "not right"),
        ({"current": PASSWORD, "new": NEW_PASSWORD, "confirm": "something else entirely"}, "do not match"),
        ({"current": PASSWORD, "new": "password1234", "confirm": "password1234"}, "harder to guess"),
    ],
)
def test_a_refused_password_change_keeps_the_old_password(client, world, form, message):
    client.sign_in(world.owner)
    page = client.post_form("accounts.change_password", form)
    assert message in page.select_one(".govuk-error-summary").get_text()
    _real_sign_in(client.app, world.owner.email, PASSWORD)


def test_an_administrator_sets_a_new_password_which_signs_the_user_out(app, world):
    owner = _real_sign_in(app, world.owner.email, PASSWORD)
    admin = PageClient(app)
    admin.sign_in(world.admin)
    admin.post_form("accounts.reset_password", {"password": NEW_PASSWORD}, status=302, user_id=world.owner.id)
    assert not _signed_in(owner)
    _real_sign_in(app, world.owner.email, NEW_PASSWORD)


def test_guessing_the_current_password_from_a_signed_in_session_is_recorded_and_throttled(client, world):
    client.sign_in(world.owner)
    form = {"current": "a wrong guess here", "new": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    for _ in range(5):
        assert client.http.post("/account/password", data=form).status_code == 200
    assert client.http.post("/account/password", data={**form, "current": PASSWORD}).status_code == 429
    with committed(client.app):
        failures = db.session.scalars(select(AuditEvent).where(AuditEvent.event == "password_check_failed")).all()
        assert len(failures) == 5
