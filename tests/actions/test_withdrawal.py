"""A pending proposal is withdrawn when its rating gets worse or a milestone is added (tracker/actions/operations.py),
recorded in the audit trail with why, and told to the directors on the sign-off queue and the dashboard."""

import pytest
from sqlalchemy import select

from tests.helpers.data import committed
from tests.helpers.world import add_impact_evidence
from tracker.extensions import db
from tracker.models import Action, ActionStatus, AuditEvent, Rag

WORSENED = "rating worsened from Green to Amber"


def _progress(client, world, rag: str, recovery: str = "") -> None:
    values = {"action_id": world.action.id}
    data = {
        **client.form_fields("actions.progress", **values),
        "rag": rag,
        "rag_reason": "Two social workers left.",
        "recovery": recovery,
        "narrative": "Re-audit delayed.",
    }
    client.post_form("actions.progress", data, status=302, **values)


def _add_milestone(client, world) -> None:
    data = {"title": "Second re-audit", "due_date": ["15", "1", "2027"]}
    client.post_form("actions.add_milestone", data, status=302, action_id=world.action.id)


def _withdrawals(app) -> list[tuple[str, int]]:
    with app.app_context():
        return db.session.execute(
            select(AuditEvent.after, AuditEvent.actor_id).where(AuditEvent.field == "proposal_withdrawn")
        ).all()


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda client, world: _progress(client, world, "amber", "Agency cover agreed."), WORSENED),
        (_add_milestone, "milestone added: Second re-audit"),
    ],
    ids=["worse-rating", "milestone-added"],
)
def test_the_proposal_is_withdrawn_recorded_and_told_to_the_director(client, world, app, change, reason):
    add_impact_evidence(app, world, propose=True)
    client.sign_in(world.owner)
    change(client, world)
    with app.app_context():
        action = db.session.get(Action, world.action.id)
        assert action.status == ActionStatus.IN_PROGRESS and action.proposed_at is None
    assert [tuple(w) for w in _withdrawals(app)] == [(reason, world.owner.id)]
    page = client.get_page("actions.show", action_id=world.action.id)
    assert "The proposal to complete the action was withdrawn on" in page.select_one(".tracker-history").text
    assert reason in page.select_one(".tracker-history").text

    client.sign_in(world.director)
    queue = client.get_page("oversight.queue")
    assert queue.select_one("tbody") is None  # no longer waiting
    withdrawn = [li.get_text(" ", strip=True) for li in queue.select("#withdrawn-list li")]
    assert len(withdrawn) == 1 and withdrawn[0].startswith("Strengthen oversight") and reason in withdrawn[0]
    dashboard = client.get_page("oversight.dashboard")
    count = dashboard.select_one("#withdrawn-count")
    assert count.get_text(" ", strip=True).startswith("1 proposal withdrawn")
    assert count.select_one("a")["href"] == "/sign-off#withdrawn"


@pytest.mark.parametrize("rag", ["green", "amber"])
def test_a_rating_no_worse_leaves_the_proposal_standing(client, world, app, rag):
    add_impact_evidence(app, world, propose=True)
    if rag == "amber":  # proposed while Amber (a rating that may be complete), updated Amber again
        with committed(app):
            db.session.get(Action, world.action.id).rag = Rag.AMBER
    client.sign_in(world.owner)
    _progress(client, world, rag)
    with app.app_context():
        action = db.session.get(Action, world.action.id)
        assert action.status == ActionStatus.AWAITING_SIGN_OFF and action.proposed_at is not None
    assert _withdrawals(app) == []


def test_the_forms_that_would_withdraw_a_proposal_say_so_first(client, world, app):
    client.sign_in(world.owner)
    for endpoint in ("actions.add_milestone", "actions.progress"):
        page = client.get_page(endpoint, action_id=world.action.id)
        assert page.select_one("#withdraws-proposal") is None, endpoint
    add_impact_evidence(app, world, propose=True)
    for endpoint in ("actions.add_milestone", "actions.progress"):
        warning = client.get_page(endpoint, action_id=world.action.id).select_one("#withdraws-proposal")
        assert "withdraws the proposal" in warning.get_text(" ", strip=True), endpoint
