"""Nothing typed is lost to a time-out: a form posted after its session ended comes back after signing in, unsaved."""

import io
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

from sqlalchemy import func, select

from tests.helpers.client import PageClient
from tests.helpers.data import committed, snapshot
from tests.helpers.factories import PASSWORD, make_action, make_authority, make_inspection, make_point, make_user
from tracker import held_input
from tracker.auth.views import PENDING_MINUTES
from tracker.extensions import db
from tracker.models import Action, HeldInput, ProgressUpdate, Rag, Role
from tracker.timeutil import utcnow

TYPED = {
    "rag": "red",
    "rag_reason": "Two conference chairs left in July; timeliness fell to 71%.",
    "recovery": "Two agency chairs start in November.",
    "narrative": "Recruitment campaign relaunched; three interviews booked for next week.",
}


def _idle_too_long(client: PageClient) -> None:
    """Move the session's last request back past the idle limit, as if its person had gone for lunch."""
    idle = client.app.config["SESSION_IDLE_MINUTES"]
    with client.http.session_transaction() as session:
        session["seen_at"] = (utcnow() - timedelta(minutes=idle + 1)).isoformat()


def _sign_in_again(client: PageClient, user, next_page: str):
    response = client.http.post(
        "/sign-in", query_string={"next": next_page}, data={"email": user.email, "password": PASSWORD}
    )
    assert response.status_code == 302, response.text[:500]
    return response.location


def _post_after_time_out(client: PageClient, world, **extra) -> str:
    """Open the progress page, wait too long, post it: the page to return to after signing in."""
    client.sign_in(world.owner)
    typed = {**client.form_fields("actions.progress", action_id=world.action.id), **TYPED, **extra}
    _idle_too_long(client)
    response = client.post_form("actions.progress", typed, status=302, action_id=world.action.id)
    assert urlsplit(response.location).path == "/sign-in"
    return parse_qs(urlsplit(response.location).query)["next"][0]


def _held_count(client: PageClient) -> int:
    with committed(client.app):
        return db.session.scalar(select(func.count(HeldInput.id)))


def _narrative(page) -> str:
    return page.select_one("#narrative").get_text()


def _banners(page) -> list[str]:
    return [banner.get_text(" ", strip=True) for banner in page.select(".govuk-notification-banner")]


def test_a_progress_update_posted_after_the_idle_limit_is_kept_through_sign_in_and_saved_only_when_sent_again(
    client, world
):
    before = snapshot(client.app)
    progress_page = f"/actions/{world.action.id}/progress"
    assert _post_after_time_out(client, world) == progress_page
    assert snapshot(client.app) == before  # nothing saved

    assert _sign_in_again(client, world.owner, progress_page) == progress_page
    page = client.get_page(progress_page)
    assert _narrative(page) == TYPED["narrative"]
    assert page.select_one("#rag_reason").get_text() == TYPED["rag_reason"]
    assert page.select_one("input[name=rag][value=red]").has_attr("checked")
    assert any(held_input.BANNER in text for text in _banners(page))
    with committed(client.app):  # still nothing saved (signing in is audited, the update is not there)
        assert db.session.get(Action, world.action.id).rag == Rag.GREEN
        assert db.session.scalar(select(func.count(ProgressUpdate.id))) == 0

    again = {**client.form_fields(progress_page), **TYPED}
    client.post_form(progress_page, again, status=302)
    with committed(client.app):
        assert db.session.get(Action, world.action.id).rag == Rag.RED
    assert _held_count(client) == 0  # removed once shown
    # Shown once: the page opened afresh is empty again.
    page = client.get_page(progress_page)
    assert _narrative(page) == "" and not any(held_input.BANNER in text for text in _banners(page))


def _token(client: PageClient, path: str) -> str:
    return client.get_page(path).select_one("main input[name=csrf_token]")["value"]


def _signed_in_with_csrf(client: PageClient) -> tuple[int, str, dict]:
    """An owner signed in through the real form, CSRF on: their action, its progress page, their login."""
    with committed(client.app):
        council = make_authority()
        owner = make_user(council, Role.SERVICE_MANAGER)
        action_id = make_action(make_point(make_inspection(council)), owner, rag=Rag.GREEN).id
    login = {"email": owner.email, "password": PASSWORD}
    client.http.post("/sign-in", data={**login, "csrf_token": _token(client, "/sign-in")})
    return action_id, f"/actions/{action_id}/progress", login


def test_with_csrf_protection_on_the_input_survives_and_only_a_fresh_token_saves_it(csrf_client):
    client = csrf_client
    action_id, progress_page, login = _signed_in_with_csrf(client)
    old_token = _token(client, progress_page)
    typed = {**client.form_fields(progress_page), **TYPED, "csrf_token": old_token}
    _idle_too_long(client)
    response = client.http.post(progress_page, data=typed)
    assert response.status_code == 302 and urlsplit(response.location).path == "/sign-in"

    sign_in = client.http.post(
        "/sign-in", query_string={"next": progress_page}, data={**login, "csrf_token": _token(client, "/sign-in")}
    )
    assert sign_in.location == progress_page
    page = client.get_page(progress_page)
    assert _narrative(page) == TYPED["narrative"]
    # The token of the session that ended saves nothing; the page's fresh one does.
    assert client.http.post(progress_page, data={**typed, "csrf_token": old_token}).status_code == 400
    fresh = {
        **client.form_fields(progress_page),
        **TYPED,
        "csrf_token": page.select_one("main input[name=csrf_token]")["value"],
    }
    assert client.http.post(progress_page, data=fresh).status_code == 302
    with committed(client.app):
        assert db.session.get(Action, action_id).rag == Rag.RED


def test_neither_the_csrf_token_nor_a_password_is_kept(client, world):
    _post_after_time_out(client, world, new_password="hunter2-is-a-bad-one", csrf_token="old-token")
    with committed(client.app):
        names = {name for name, _ in db.session.scalar(select(HeldInput)).fields}
    assert "narrative" in names
    assert not names & {"csrf_token", "new_password"}


def test_held_input_expires(client, world, monkeypatch):
    progress_page = _post_after_time_out(client, world)
    assert _held_count(client) == 1
    later = utcnow() + timedelta(minutes=held_input.KEEP_MINUTES + 1)
    monkeypatch.setattr(held_input, "utcnow", lambda: later)
    _sign_in_again(client, world.owner, progress_page)
    page = client.get_page(progress_page)
    assert _narrative(page) == ""
    assert not any(held_input.BANNER in text for text in _banners(page))
    assert _held_count(client) == 0


def test_held_input_is_not_shown_in_another_browser(client, world):
    progress_page = _post_after_time_out(client, world)
    other_browser = PageClient(client.app)
    _sign_in_again(other_browser, world.owner, progress_page)
    assert _narrative(other_browser.get_page(progress_page)) == ""
    # … and is still waiting for the browser it was typed in.
    _sign_in_again(client, world.owner, progress_page)
    assert _narrative(client.get_page(progress_page)) == TYPED["narrative"]


def test_held_input_is_not_shown_to_someone_else_signing_in_on_the_same_browser(client, world):
    progress_page = _post_after_time_out(client, world)
    assert _held_count(client) == 1
    _sign_in_again(client, world.colleague, progress_page)
    client.get(progress_page)  # not theirs to update: whatever it answers, it must not show the input
    assert _held_count(client) == 0
    client.http.post("/sign-out")
    _sign_in_again(client, world.owner, progress_page)
    assert _narrative(client.get_page(progress_page)) == ""


def test_a_form_posted_by_the_time_out_warning_is_held_not_saved_even_if_the_session_lives(client, world):
    client.sign_in(world.owner)
    before = snapshot(client.app)
    progress_page = f"/actions/{world.action.id}/progress"
    typed = {**client.form_fields(progress_page), **TYPED, held_input.HOLD_FIELD: "1"}
    response = client.post_form(progress_page, typed, status=302)
    assert response.location == progress_page
    assert snapshot(client.app) == before
    assert _narrative(client.get_page(progress_page)) == TYPED["narrative"]


def test_a_file_is_not_kept_and_the_page_says_to_choose_it_again(client, world):
    client.sign_in(world.owner)
    evidence_page = f"/actions/{world.action.id}/evidence/new"
    description = "Audit of 40 contacts: 85% decided within 24 hours, up from 61%."
    typed = {"kind": "audit", "description": description, "evidence_date": ["14", "11", "2026"]}
    _idle_too_long(client)
    response = client.http.post(
        evidence_page,
        data={**typed, "file": (io.BytesIO(b"%PDF-1.4 audit"), "audit.pdf")},
        content_type="multipart/form-data",
    )
    assert parse_qs(urlsplit(response.location).query)["next"] == [evidence_page]
    _sign_in_again(client, world.owner, evidence_page)
    page = client.get_page(evidence_page)
    assert page.select_one("#description").get_text() == description
    assert [page.select_one(f"#evidence_date-{part}")["value"] for part in ("day", "month", "year")] == [
        "14",
        "11",
        "2026",
    ]
    banner = " ".join(_banners(page))
    assert held_input.BANNER in banner and held_input.FILES_NOT_KEPT in banner


def test_a_form_whose_session_ended_in_another_tab_is_held_though_its_token_is_stale(csrf_client):
    client = csrf_client
    action_id, progress_page, login = _signed_in_with_csrf(client)
    typed = {**client.form_fields(progress_page), **TYPED, "csrf_token": _token(client, progress_page)}
    # Another tab finds the session over and is sent to sign in, which starts a session with a new token.
    _idle_too_long(client)
    client.http.get("/my-actions")
    _token(client, "/sign-in")

    # Posted from another site, it is only refused: no one else may fill in this person's forms.
    foreign = client.http.post(progress_page, data=typed, headers={"Origin": "https://elsewhere.example"})
    assert foreign.status_code == 400 and _held_count(client) == 0
    # Posted from the page itself, what was typed waits for sign-in.
    response = client.http.post(progress_page, data=typed, headers={"Origin": "http://localhost"})
    assert response.status_code == 302 and urlsplit(response.location).path == "/sign-in"
    assert parse_qs(urlsplit(response.location).query)["next"] == [progress_page]
    client.http.post(
        "/sign-in", query_string={"next": progress_page}, data={**login, "csrf_token": _token(client, "/sign-in")}
    )
    page = client.get_page(progress_page)
    assert _narrative(page) == TYPED["narrative"]
    with committed(client.app):
        assert db.session.get(Action, action_id).rag == Rag.GREEN  # nothing saved until sent again


def test_held_input_waits_through_a_two_factor_step_that_took_too_long(client, world):
    # Signed out, the form held; then the password step, and the code not typed within PENDING_MINUTES.
    _post_after_time_out(client, world)
    with client.http.session_transaction() as session:
        token = session[held_input.SESSION_KEY]
        late = utcnow() - timedelta(minutes=PENDING_MINUTES + 1)
        session.update(pending_user=world.owner.id, pending_at=late.isoformat())
    response = client.http.get("/sign-in/code")
    assert response.status_code == 302 and urlsplit(response.location).path == "/sign-in"
    with client.http.session_transaction() as session:
        assert session.get(held_input.SESSION_KEY) == token and "pending_user" not in session
    assert _held_count(client) == 1
