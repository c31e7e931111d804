"""A director challenges an action; the owner sees it until they answer; both are on the record."""

from sqlalchemy import select

from tests.helpers.data import committed, snapshot
from tests.helpers.factories import make_user
from tracker.extensions import db
from tracker.models import Action, AuditEvent, Challenge, Role, User


def test_a_challenge_shows_for_the_owner_until_answered(client, world, app):
    client.sign_in(world.director)
    question = "Why is this Green when the audit milestone is overdue?"
    client.post_form("oversight.challenge", {"question": question}, status=302, action_id=world.action.id)

    client.sign_in(world.owner)
    mine = client.get_page("actions.my_actions")
    challenges = mine.select_one("[data-attention=challenges]")
    assert question in challenges.text
    answer_link = challenges.select_one("a")["href"]
    page = client.get_page(answer_link)
    assert question in page.select_one(".govuk-inset-text").text
    client.post_form(answer_link, {"answer": "The audit moved to December; rating now Amber."}, status=302)

    mine = client.get_page("actions.my_actions")
    assert question not in mine.select_one("[data-attention=challenges]").text
    history = client.get_page("actions.show", action_id=world.action.id).select_one(".tracker-history").text
    assert "Director of Children's Services raised a challenge on" in history and question in history
    assert "Head of Service, Duty and Advice answered a challenge on" in history


def test_challenge_and_answer_refusals(client, world, app):
    client.sign_in(world.director)
    before = snapshot(app)
    page = client.post_form("oversight.challenge", {"question": " "}, action_id=world.action.id)
    assert [a.get_text(strip=True) for a in page.select(".govuk-error-summary a")] == ["Enter your challenge"]
    assert snapshot(app) == before


def test_only_directors_challenge(client, world):
    for who in ("owner", "admin", "committee"):
        client.sign_in(world.users()[who])
        assert client.get("oversight.challenge", action_id=world.action.id).status_code == 403
    client.sign_in(world.outsider_director)
    assert client.get("oversight.challenge", action_id=world.action.id).status_code == 404


def test_an_answer_sent_after_someone_else_answered_is_refused_with_its_words_kept(client, world, app):
    client.sign_in(world.director)
    client.post_form("oversight.challenge", {"question": "Why so slow?"}, status=302, action_id=world.action.id)
    with app.app_context():
        challenge_id = db.session.get(Action, world.action.id).challenges[0].id
    values = {"action_id": world.action.id, "challenge_id": challenge_id}
    owner, admin = client, type(client)(app)
    owner.sign_in(world.owner)
    admin.sign_in(world.admin)
    assert owner.get("oversight.answer", **values).status_code == 200  # both have the form open
    assert admin.get("oversight.answer", **values).status_code == 200
    owner.post_form("oversight.answer", {"answer": "Agency staff start on Monday."}, status=302, **values)

    before = snapshot(app)
    page = admin.post_form("oversight.answer", {"answer": "The administrator's own answer."}, **values)
    summary = page.select_one(".govuk-error-summary a[href='#answer']")
    assert summary.get_text(strip=True) == "This challenge has already been answered"
    assert page.select_one("#answer").get_text() == "The administrator's own answer."
    assert "Agency staff start on Monday." in page.select_one("#given-answer").get_text()
    assert snapshot(app) == before
    with app.app_context():
        assert db.session.get(Action, world.action.id).challenges[0].answer == "Agency staff start on Monday."


def _answered(
    client, world, app, question="Why is the audit milestone overdue?", answer="It moved to December."
) -> int:
    client.sign_in(world.director)
    client.post_form("oversight.challenge", {"question": question}, status=302, action_id=world.action.id)
    with app.app_context():
        challenge_id = db.session.get(Action, world.action.id).challenges[-1].id
    client.sign_in(world.owner)
    values = {"action_id": world.action.id, "challenge_id": challenge_id}
    client.post_form("oversight.answer", {"answer": answer}, status=302, **values)
    return challenge_id


def test_an_answer_shows_on_the_dashboard_until_a_director_accepts_it_and_the_acceptance_is_audited(client, world, app):
    challenge_id = _answered(client, world, app)
    other_director = type(client)(app)
    with committed(app):
        colleague = make_user(db.session.get(User, world.director.id).authority, Role.DIRECTOR, job_title="Deputy")
    other_director.sign_in(colleague)  # any director of the council may accept (docs/decisions.md)
    client.sign_in(world.director)
    page = client.get_page("oversight.dashboard")
    assert page.select_one("#answers-heading").text == "Answers to challenges (1)"
    answer = page.select_one("#answers-list li")
    assert "Why is the audit milestone overdue?" in answer.text
    assert "It moved to December." in answer.select_one("[data-answer]").text
    assert "Head of Service, Duty and Advice" in answer.select_one("[data-answer]").text
    assert answer.select_one("a[href$='/challenges/new']")["href"] == client.url(
        "oversight.challenge", action_id=world.action.id
    )

    accept = answer.select_one("form")["action"]
    assert accept == client.url("oversight.accept_answer", action_id=world.action.id, challenge_id=challenge_id)
    other_director.post_form(accept, {}, status=302)
    page = client.get_page("oversight.dashboard")
    assert page.select_one("#answers-heading").text == "Answers to challenges (0)"
    assert page.select_one("#answers-list").text == "No answers are waiting for a director."
    with app.app_context():
        challenge = db.session.get(Challenge, challenge_id)
        assert challenge.accepted_by_id == colleague.id and challenge.accepted_at is not None
        audited = db.session.scalars(
            select(AuditEvent.field).where(
                AuditEvent.entity_type == "challenge",
                AuditEvent.entity_id == challenge_id,
                AuditEvent.actor_id == colleague.id,
            )
        ).all()
        assert sorted(audited) == ["accepted_at", "accepted_by"]

    before = snapshot(app)  # accepted twice (two tabs): refused, nothing changes
    response = client.post_form(accept, {}, status=302, follow=False)
    assert response.location.endswith("#answers-heading")
    assert snapshot(app) == before


def test_challenging_again_ends_the_answers_listing(client, world, app):
    _answered(client, world, app)
    client.sign_in(world.director)
    again = client.get_page("oversight.dashboard").select_one("#answers-list a[href$='/challenges/new']")["href"]
    client.post_form(again, {"question": "December is too late: what can be done sooner?"}, status=302)
    page = client.get_page("oversight.dashboard")
    assert page.select_one("#answers-heading").text == "Answers to challenges (0)"
    assert "December is too late" in page.select_one("#challenges-list").text


def test_a_challenge_raised_before_the_answer_came_does_not_hide_it(client, world, app):
    client.sign_in(world.director)
    client.post_form("oversight.challenge", {"question": "First question"}, status=302, action_id=world.action.id)
    _answered(client, world, app, question="Second question, answered")  # answered after the first was raised
    client.sign_in(world.director)
    page = client.get_page("oversight.dashboard")
    assert page.select_one("#answers-heading").text == "Answers to challenges (1)"
    assert "Second question, answered" in page.select_one("#answers-list").text


def test_only_a_director_of_the_council_accepts_an_answer_and_only_an_answered_one(client, world, app):
    client.sign_in(world.director)
    client.post_form("oversight.challenge", {"question": "Still open?"}, status=302, action_id=world.action.id)
    with app.app_context():
        open_id = db.session.get(Action, world.action.id).challenges[0].id
    values = {"action_id": world.action.id, "challenge_id": open_id}
    before = snapshot(app)
    client.post_form("oversight.accept_answer", {}, status=302, **values)  # not answered: refused, flashed
    assert "This challenge has not been answered yet" in client.get_page("oversight.dashboard").text
    assert snapshot(app) == before
    answered_id = _answered(client, world, app)
    values["challenge_id"] = answered_id
    for who, status in (("owner", 403), ("admin", 403), ("committee", 403), ("outsider_director", 404)):
        client.sign_in(world.users()[who])
        assert client.http.post(client.url("oversight.accept_answer", **values)).status_code == status
    client.sign_in(world.admin)  # administrators see the answers but do not accept them
    assert client.get_page("oversight.dashboard").select_one("#answers-list form") is None
    with app.app_context():
        assert db.session.get(Challenge, answered_id).accepted_at is None
