"""A director challenges an action; the owner sees it until they answer; both are on the record."""

from tests.helpers.data import snapshot
from tracker.extensions import db
from tracker.models import Action


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
