"""Edge cases found in review: each would lose or corrupt what a user entered."""

import io
from datetime import date

import pytest

from tests.helpers.data import committed, snapshot
from tests.helpers.factories import PASSWORD
from tracker.actions import operations as ops
from tracker.actions.uploads import download_name
from tracker.extensions import db
from tracker.models import Action, Milestone, Rag


def _evidence(**extra) -> dict:
    return {
        "kind": "audit",
        "description": "Audit.",
        "evidence_date": ["1", "11", "2026"],
        "shows_impact": "yes",
        **extra,
    }


@pytest.mark.parametrize("link", ["   ", "javascript://x/%0aalert(1)", "ftp://intranet.example.org/a"])
def test_a_blank_or_unsafe_link_is_refused(client, world, link):
    client.sign_in(world.owner)
    before = snapshot(client.app)
    page = client.post_form("actions.add_evidence", _evidence(link=link), action_id=world.action.id)
    assert page.select_one(".govuk-error-summary")
    assert snapshot(client.app) == before


def test_the_operation_refuses_an_unsafe_link_too(app, world):
    with app.app_context():
        action = db.session.get(Action, world.action.id)
        with pytest.raises(ops.PlanRuleError):
            ops.add_evidence(
                action,
                action.owner,
                kind="audit",
                description="x",
                evidence_date=None,
                shows_impact=True,
                link="javascript:alert(1)",
            )


def test_evidence_cannot_be_dated_in_the_future(client, world):
    client.sign_in(world.owner)
    page = client.post_form(
        "actions.add_evidence",
        _evidence(link="https://intranet.example.org/a", evidence_date=["1", "1", "2030"]),
        action_id=world.action.id,
    )
    assert "The date of the evidence must be today or in the past" in page.select_one(".govuk-error-summary").text


def test_a_recovery_plan_survives_an_update_that_does_not_repeat_it(client, world):
    client.sign_in(world.owner)
    first = {"rag": "amber", "rag_reason": "Slipping.", "recovery": "Agency staff from December.", "narrative": "A."}
    client.post_form(
        "actions.progress",
        {**client.form_fields("actions.progress", action_id=world.action.id), **first},
        status=302,
        action_id=world.action.id,
    )
    form = client.get_page("actions.progress", action_id=world.action.id)
    assert "Agency staff from December." in form.select_one("#current-recovery").text
    second = {"rag": "amber", "rag_reason": "Still slipping.", "recovery": "", "narrative": "B."}
    client.post_form(
        "actions.progress",
        {**client.form_fields("actions.progress", action_id=world.action.id), **second},
        status=302,
        action_id=world.action.id,
    )
    page = client.get_page("actions.show", action_id=world.action.id)
    assert "Agency staff from December." in page.select_one("#rag").text


def test_a_done_milestone_cannot_be_done_again_or_moved(client, world, app):
    with committed(app):
        db.session.get(Milestone, world.milestone.id).completed_date = world.milestone.due_date
    client.sign_in(world.owner)
    values = {"action_id": world.action.id, "milestone_id": world.milestone.id}
    before = snapshot(app)
    for endpoint, data in (
        ("actions.complete_milestone", {"completed_date": ["1", "11", "2026"]}),
        ("actions.replan_milestone", {"due_date": ["1", "1", "2027"], "reason": "x"}),
    ):
        response = client.http.post(client.url(endpoint, **values), data={"version": "1", **data})
        assert response.status_code == 302
    assert snapshot(app) == before


@pytest.mark.parametrize("due", [[], ["1"], ["", "2"]])
def test_a_malformed_date_post_gets_a_message_not_an_error(client, world, due):
    client.sign_in(world.owner)
    data = {"title": "Dip sample"}
    if due:
        data["due_date"] = due
    page = client.post_form("actions.add_milestone", data, action_id=world.action.id)
    assert page.select_one(".govuk-error-summary")


def test_a_binary_file_named_csv_is_refused(client, world):
    client.sign_in(world.owner)
    data = _evidence(file=(io.BytesIO(bytes(range(256)) * 4), "figures.csv"))
    response = client.http.post(
        client.url("actions.add_evidence", action_id=world.action.id), data=data, content_type="multipart/form-data"
    )
    assert "The selected file is not a real CSV file" in response.get_data(as_text=True)


def test_download_names_keep_their_letters_and_lose_what_could_break_a_header():
    assert download_name("报告.pdf", ".pdf") == "报告.pdf"
    assert download_name('a"b\r\n/c.pdf', ".pdf") == "abc.pdf"
    assert download_name("", ".pdf") == "evidence.pdf"


def test_sign_in_refuses_a_backslash_redirect(client, world):
    response = client.http.post(
        client.url("auth.login", next="/\\evil.example"), data={"email": world.owner.email, "password": PASSWORD}
    )
    assert response.location == "/"


def test_proposing_twice_is_refused(app, world):
    with app.app_context():
        action = db.session.get(Action, world.action.id)
        ops.add_evidence(
            action,
            action.owner,
            kind="audit",
            description="x",
            evidence_date=date(2026, 11, 1),
            shows_impact=True,
            link="https://intranet.example.org/a",
        )
        for milestone in action.milestones:
            ops.complete_milestone(milestone, action.owner, completed_date=date(2026, 11, 1))
        ops.propose_completion(action, action.owner)
        with pytest.raises(ops.PlanRuleError, match="already waiting"):
            ops.propose_completion(action, action.owner)
        assert action.rag == Rag.GREEN
