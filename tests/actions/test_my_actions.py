"""My actions: a proposal a director sent back sits first in "Needs your attention first" until acted on."""

from datetime import date

from tests.helpers.data import committed
from tests.helpers.factories import make_action
from tracker.actions import operations as ops
from tracker.extensions import db
from tracker.models import Action, User

REASON = "The re-audit covers only one team: show the difference across all three."
PROGRESS = {
    "rag": "amber",
    "rag_reason": "The re-audit of the other two teams is booked.",
    "recovery": "Re-audit all three teams in December.",
    "narrative": "Booked the re-audit of the other two teams.",
}


def _returned(app, world) -> int:
    """A finished action (no milestones, Green, evidence of impact) proposed, then returned by the director."""
    with committed(app):
        owner, director = db.session.get(User, world.owner.id), db.session.get(User, world.director.id)
        action = make_action(db.session.get(Action, world.action.id).improvement_point, owner, director, title="Audit")
        ops.add_evidence(
            action,
            owner,
            kind="audit",
            description="Re-audit of the duty team.",
            evidence_date=date(2026, 11, 1),
            shows_impact=True,
            link="https://intranet.example.org/re-audit",
        )
        ops.propose_completion(action, owner)
        ops.return_proposal(action, director, reason=REASON)
        return action.id


def _attention(client):
    return client.get_page("actions.my_actions").select_one("#attention-heading").parent


def test_a_returned_proposal_comes_first_with_the_reason_until_a_progress_update(app, client, world):
    action_id = _returned(app, world)
    client.sign_in(world.owner)
    first = _attention(client).select_one(".tracker-attention")
    assert first["data-attention"] == "returned"
    assert "Audit" in first.select_one("a").text and REASON in first.text
    assert f"{world.director.display_name} returned your proposal" in first.text

    data = {**client.form_fields("actions.progress", action_id=action_id), **PROGRESS}
    client.post_form("actions.progress", data, status=302, action_id=action_id)
    assert _attention(client).select_one("[data-attention=returned]") is None


def test_a_returned_proposal_leaves_the_list_when_proposed_again(app, client, world):
    action_id = _returned(app, world)
    client.sign_in(world.owner)
    assert _attention(client).select_one("[data-attention=returned]") is not None
    with committed(app):
        action = db.session.get(Action, action_id)
        ops.propose_completion(action, action.owner)
    assert _attention(client).select_one("[data-attention=returned]") is None


def test_no_returned_list_for_an_owner_with_nothing_returned(client, world):
    client.sign_in(world.owner)
    assert _attention(client).select_one("[data-attention=returned]") is None
