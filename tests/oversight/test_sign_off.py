"""Sign-off: only a director of the authority approves; approval needs impact evidence; a return goes back."""

import pytest

from tests.helpers.data import committed, snapshot
from tests.helpers.world import add_impact_evidence
from tracker.extensions import db
from tracker.models import Action, ActionStatus, AuditEvent


def _propose(app, world, impact: bool = True):
    add_impact_evidence(app, world, propose=True)
    if not impact:  # evidence marked as impact, then corrected by an administrator's data fix
        with committed(app):
            for evidence in db.session.get(Action, world.action.id).evidence:
                evidence.shows_impact = False


def test_the_queue_lists_proposals_and_a_director_approves_one(client, world, app):
    _propose(app, world)
    client.sign_in(world.director)
    queue = client.get_page("oversight.queue")
    assert queue.select_one("tbody tr a").get_text(strip=True) == "Strengthen oversight"
    data = {
        **client.form_fields("oversight.review", action_id=world.action.id),
        "decision": "approve",
        "reason": "Re-audit shows 92% within 24 hours.",
    }
    response = client.post_form("oversight.review", data, status=302, action_id=world.action.id)
    assert response.location == "/sign-off"
    page = client.get_page("actions.show", action_id=world.action.id)
    assert page.select_one("#rag .govuk-tag").get_text(strip=True) == "Blue"
    assert "Signed off by Director of Children's Services on" in page.text
    assert "signed off the action as complete on" in page.select_one(".tracker-history").text
    with app.app_context():
        action = db.session.get(Action, world.action.id)
        assert action.is_complete and action.signed_off_by_id == world.director.id and action.signed_off_at
        assert db.session.query(AuditEvent).filter_by(plan_action_id=action.id, field="signed_off_by").count() == 1
    assert client.get_page("oversight.queue").select_one("tbody") is None


def test_a_returned_proposal_goes_back_to_the_owner_with_the_reason(client, world, app):
    _propose(app, world)
    client.sign_in(world.director)
    reason = "The re-audit sampled only one team; sample all three."
    client.post_form(
        "oversight.review",
        {**client.form_fields("oversight.review", action_id=world.action.id), "decision": "return", "reason": reason},
        status=302,
        action_id=world.action.id,
    )
    client.sign_in(world.owner)
    page = client.get_page("actions.show", action_id=world.action.id)
    assert reason in page.select_one("#returned").text
    assert "In progress" in page.select_one(".govuk-summary-list").text
    assert "returned the proposal to the owner on" in page.select_one(".tracker-history").text


def test_approval_needs_evidence_of_impact(client, world, app):
    _propose(app, world, impact=False)
    client.sign_in(world.director)
    before = snapshot(app)
    page = client.post_form(
        "oversight.review",
        {**client.form_fields("oversight.review", action_id=world.action.id), "decision": "approve", "reason": "Done."},
        action_id=world.action.id,
    )
    assert [a.get_text(strip=True) for a in page.select(".govuk-error-summary a")] == [
        "An action can be signed off only with evidence of its impact"
    ]
    assert snapshot(app) == before


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"decision": "", "reason": "x"}, "Select whether to sign the action off or return it"),
        ({"decision": "approve", "reason": ""}, "Enter your reasons"),
    ],
)
def test_sign_off_form_refusals(client, world, app, data, message):
    _propose(app, world)
    client.sign_in(world.director)
    before = snapshot(app)
    page = client.post_form(
        "oversight.review",
        {**client.form_fields("oversight.review", action_id=world.action.id), **data},
        action_id=world.action.id,
    )
    assert [a.get_text(strip=True) for a in page.select(".govuk-error-summary a")] == [message]
    assert snapshot(app) == before


@pytest.mark.parametrize(
    ("who", "status"),
    [("owner", 403), ("admin", 403), ("colleague", 403), ("committee", 403), ("outsider_director", 404)],
)
def test_only_a_director_of_the_authority_can_sign_off(client, world, app, who, status):
    _propose(app, world)
    client.sign_in(world.users()[who])
    response = client.http.post(
        client.url("oversight.review", action_id=world.action.id),
        data={"decision": "approve", "reason": "Fine.", "version": "3"},
    )
    assert response.status_code == status
    with app.app_context():
        assert db.session.get(Action, world.action.id).status == ActionStatus.AWAITING_SIGN_OFF


def test_an_action_not_proposed_cannot_be_reviewed(client, world):
    client.sign_in(world.director)
    response = client.get("oversight.review", action_id=world.action.id)
    assert response.status_code == 302
