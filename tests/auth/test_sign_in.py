from tests.helpers.data import committed
from tests.helpers.factories import PASSWORD, make_authority, make_user
from tracker.extensions import db
from tracker.models import AuditEvent, Role


def _user(app, **fields):
    with committed(app):
        user = make_user(make_authority("Leicester City Council"), Role.SERVICE_MANAGER, **fields)
        return user


def test_sign_in_page_is_a_govuk_form(client):
    page = client.get_page("auth.login")
    assert page.h1.get_text(strip=True) == "Sign in"
    assert page.select_one("input#email[type=email]")
    assert page.select_one("input#password[type=password]")


def test_signing_in_goes_to_home_and_shows_the_user_and_authority(client):
    user = _user(client.app, job_title="Head of Service, Duty and Advice")
    response = client.post_form("auth.login", {"email": user.email.upper(), "password": PASSWORD}, status=302)
    assert response.location == "/"
    page = client.get_page("actions.my_actions")
    header = page.select_one(".tracker-signed-in").get_text(" ", strip=True)
    assert "Head of Service, Duty and Advice" in header
    assert "Leicester City Council" in header
    with client.app.app_context():
        assert db.session.query(AuditEvent).filter_by(event="signed_in", actor_id=user.id).count() == 1


def test_a_wrong_password_and_an_unknown_email_get_the_same_answer(client):
    user = _user(client.app)
    wrong_password = client.post_form("auth.login", {"email": user.email, "password": "not the password"})
    unknown_email = client.post_form("auth.login", {"email": "nobody@example.org", "password": PASSWORD})
    for page in (wrong_password, unknown_email):
        assert page.title.get_text().startswith("Error: ")
        summary = page.select_one(".govuk-error-summary")
        assert summary.select_one("a").get_text(strip=True) == "Enter a correct email address and password"
    with client.app.app_context():
        assert db.session.query(AuditEvent).filter_by(event="sign_in_failed").count() == 1


def test_missing_fields_are_reported_in_an_error_summary(client):
    page = client.post_form("auth.login", {"email": "", "password": ""})
    links = [a.get_text(strip=True) for a in page.select(".govuk-error-summary a")]
    assert links == ["Enter your email address", "Enter your password"]
    assert page.select_one("#email-error")


def test_a_deactivated_user_cannot_sign_in(client):
    user = _user(client.app, active=False)
    page = client.post_form("auth.login", {"email": user.email, "password": PASSWORD})
    assert page.select_one(".govuk-error-summary")


def test_next_only_redirects_within_this_site(client):
    user = _user(client.app)
    data = {"email": user.email, "password": PASSWORD}
    for target, expected in [
        ("/?page=2", "/?page=2"),
        ("https://evil.example/", "/"),
        ("//evil.example/", "/"),
    ]:
        client.sign_out()
        response = client.http.post(client.url("auth.login", next=target), data=data)
        assert response.location == expected, target


def test_sign_out_ends_the_session(client):
    user = _user(client.app)
    client.sign_in(user)
    assert client.get("actions.my_actions").status_code == 200
    response = client.http.post(client.url("auth.logout"))
    assert response.status_code == 302
    assert client.get("actions.my_actions").status_code == 302


def test_forms_are_protected_by_csrf(csrf_client):
    response = csrf_client.http.post("/sign-in", data={"email": "a@example.org", "password": "x"})
    assert response.status_code == 400
    assert "Nothing has been saved" in response.get_data(as_text=True)
    page = csrf_client.get_page("auth.login")
    assert page.select_one("input[name=csrf_token]")["value"]
