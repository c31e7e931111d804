"""Proposing an action as complete: it needs evidence of impact (and its milestones done: see
test_completion.py), then waits for a director."""

from datetime import date

from tests.helpers.data import committed, snapshot
from tests.helpers.world import add_impact_evidence
from tracker.actions import operations as ops
from tracker.extensions import db
from tracker.models import Action


def _milestones_done(app, world) -> None:
    with committed(app):
        for milestone in db.session.get(Action, world.action.id).milestones:
            ops.complete_milestone(milestone, milestone.action.owner, completed_date=date(2026, 11, 1))


def test_without_evidence_of_impact_the_proposal_is_refused(client, world, app):
    add_impact_evidence(app, world, shows_impact=False)
    _milestones_done(app, world)
    client.sign_in(world.owner)
    before = snapshot(app)
    page = client.post_form(
        "actions.propose_completion",
        client.form_fields("actions.propose_completion", action_id=world.action.id),
        action_id=world.action.id,
    )
    links = page.select(".govuk-error-summary a")
    assert [a.get_text(strip=True) for a in links] == ["There is no evidence of the action's impact yet"]
    assert links[0]["href"] == "#form" and page.select_one("#form")
    assert snapshot(app) == before


def test_with_evidence_of_impact_the_action_awaits_a_directors_sign_off(client, world, app):
    add_impact_evidence(app, world)
    _milestones_done(app, world)
    client.sign_in(world.owner)
    client.post_form(
        "actions.propose_completion",
        client.form_fields("actions.propose_completion", action_id=world.action.id),
        status=302,
        action_id=world.action.id,
    )
    page = client.get_page("actions.show", action_id=world.action.id)
    assert "Awaiting sign-off" in page.select_one(".govuk-summary-list").text
    assert page.select_one("#rag .govuk-tag").get_text(strip=True) == "Green"  # not Blue until signed off
    assert "proposed the action as complete on" in page.select_one(".tracker-history").text
    assert not [a for a in page.select("a.govuk-button") if a.get_text(strip=True) == "Propose as complete"]
